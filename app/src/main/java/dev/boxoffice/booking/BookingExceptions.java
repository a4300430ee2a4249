package dev.boxoffice.booking;

import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** What can go wrong with an order, as the buyer is told. */
final class BookingExceptions {

	private BookingExceptions() {
	}

	static ApiException holdGone() {
		return new ApiException(HttpStatus.CONFLICT, "hold-unavailable", "Hold unavailable",
				"The hold has expired, was released, or is not yours; hold the seats again.");
	}

	static ApiException declined(String reason) {
		return new ApiException(HttpStatus.PAYMENT_REQUIRED, "payment-declined", "Payment declined", reason);
	}

	static ApiException providerUnavailable() {
		return new ApiException(HttpStatus.GATEWAY_TIMEOUT, "payment-unavailable", "Payment provider unavailable",
				"The payment provider did not answer in time; nothing was charged. Try again.");
	}

	static ApiException seatsLost() {
		return new ApiException(HttpStatus.CONFLICT, "seats-unavailable", "Seats are not available",
				"Another purchase took some of these seats first; nothing was charged.");
	}

	static ApiException ticketLimit(int limit) {
		return new ApiException(HttpStatus.CONFLICT, "ticket-limit", "Ticket limit reached",
				"A buyer may hold at most " + limit + " tickets for this event; nothing was charged.")
			.with("limit", limit);
	}

	/**
	 * The purchase could not be finished or undone now (the payment provider or storage
	 * is away): recovery settles it within about a minute. Never kept as the
	 * Idempotency-Key's outcome: asking again with the key gives the outcome once there
	 * is one.
	 */
	static ApiException outcomePending() {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "outcome-pending", "Purchase not settled yet",
				"The purchase could not be finished now; it will be completed or undone shortly. "
						+ "Ask again with the same Idempotency-Key for its outcome.")
			.withHeader(HttpHeaders.RETRY_AFTER, "10");
	}

	/** How a purchase that failed is replayed when its buyer's own answer was lost. */
	static ApiException purchaseFailed(OrderRecord order) {
		return new ApiException(HttpStatus.CONFLICT, "purchase-failed", "Purchase failed",
				"The purchase did not go through (" + order.failureReason() + "); nothing was charged.")
			.with("orderId", order.id().toString());
	}

	static ApiException orderNotFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "There is no such order.");
	}

	static ApiException notCancellable(String why) {
		return new ApiException(HttpStatus.CONFLICT, "order-not-cancellable", "Order cannot be cancelled", why);
	}

}
