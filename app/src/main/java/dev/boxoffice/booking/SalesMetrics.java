package dev.boxoffice.booking;

import dev.boxoffice.platform.observability.BusinessMetrics;

import org.springframework.stereotype.Component;

/**
 * What the purchases of this instance came to, as Prometheus counters
 * (docs/operations.md): each called once per order, where its status changed.
 */
@Component
class SalesMetrics {

	private final BusinessMetrics metrics;

	SalesMetrics(BusinessMetrics metrics) {
		this.metrics = metrics;
	}

	/** The order is CONFIRMED: a purchase, its tickets and its revenue. */
	void confirmed(OrderRecord order) {
		outcome(order, "confirmed");
		this.metrics.count("boxoffice.tickets.sold", "Tickets sold", order.eventId(), order.seats().size());
		this.metrics.count("boxoffice.revenue.cents", "Revenue of confirmed orders, in cents (gross)", order.eventId(),
				order.totalCents(), "currency", order.currency());
	}

	/** The order FAILED: undone, nothing kept. */
	void failed(OrderRecord order) {
		outcome(order, "failed");
	}

	/** The payment provider declined the buyer's card (the order then fails). */
	void declined(OrderRecord order) {
		this.metrics.count("boxoffice.payments.declined", "Payments the provider declined", order.eventId(), 1);
	}

	/** A confirmed order is CANCELLED: its money given back, its tickets void. */
	void cancelled(OrderRecord order) {
		this.metrics.count("boxoffice.orders.cancelled", "Confirmed orders cancelled and refunded", order.eventId(), 1);
		this.metrics.count("boxoffice.refunds.cents", "Money given back for cancelled orders, in cents",
				order.eventId(), order.totalCents(), "currency", order.currency());
	}

	private void outcome(OrderRecord order, String outcome) {
		this.metrics.count("boxoffice.purchases", "Purchases that ended, by outcome", order.eventId(), 1, "outcome",
				outcome);
	}

}
