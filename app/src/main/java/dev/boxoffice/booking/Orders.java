package dev.boxoffice.booking;

import java.util.List;
import java.util.UUID;

import dev.boxoffice.platform.Sha256;
import dev.boxoffice.platform.error.ApiException;
import dev.boxoffice.platform.error.BackingServiceFailures;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Buyers' orders: purchase (once per Idempotency-Key), read, list, cancel. Buyers see
 * only their own orders and tickets.
 */
@Service
public class Orders {

	/** A response to send: a stored one on replay, or a fresh one. */
	record Response(int status, String json) {
	}

	private final PurchaseSaga saga;

	private final OrderRepository orders;

	private final OrderViews views;

	private final OrderCancellation cancellation;

	private final IdempotencyKeys keys;

	private final JsonMapper json;

	private final PurchaseOutcomes outcomes;

	Orders(PurchaseSaga saga, OrderRepository orders, OrderViews views, OrderCancellation cancellation,
			IdempotencyKeys keys, JsonMapper json, PurchaseOutcomes outcomes) {
		this.outcomes = outcomes;
		this.saga = saga;
		this.orders = orders;
		this.views = views;
		this.cancellation = cancellation;
		this.keys = keys;
		this.json = json;
	}

	/**
	 * Runs the purchase once per key: the response (order or problem) is kept, and the
	 * same request with the same key gets it again.
	 */
	Mono<Response> purchase(CurrentUser buyer, String holdId, String paymentToken, @Nullable String key) {
		if (key == null || key.isBlank() || key.length() > 255) {
			return Mono
				.error(RequestProblems.invalid("Idempotency-Key", "the header is required (1 to 255 characters)"));
		}
		byte[] hash = Sha256.of("purchase|" + holdId + "|" + paymentToken);
		// From the key on: a caller gone after the key was taken must not leave it in
		// flight.
		return toTheEnd(this.keys.begin(buyer.id(), key, hash)
			.flatMap((stored) -> stored.map((response) -> Mono.just(new Response(response.status(), response.body())))
				.orElseGet(() -> run(buyer, holdId, paymentToken, key))));
	}

	/**
	 * Runs {@code work} to its end even if the caller goes away (a client timing out, a
	 * dropped connection). A saga cancelled between two steps would leave its order
	 * pending — and its seats neither sold nor free — until recovery took it over; run to
	 * the end, it settles at once. A caller still there gets the outcome; one who left
	 * gets it by asking again with the same Idempotency-Key.
	 */
	private static <T> Mono<T> toTheEnd(Mono<T> work) {
		return Mono.deferContextual((context) -> Mono.fromFuture(() -> work.contextWrite(context).toFuture(), true));
	}

	/**
	 * The purchase, its outcome kept for the key. A failure that is no outcome (a 503:
	 * the purchase could not be finished or undone now, or a backing service was away) is
	 * not kept: the key is settled from what the purchase left
	 * ({@link PurchaseOutcomes#settle}). Keeping or settling the key may fail too;
	 * recovery finds such keys.
	 */
	private Mono<Response> run(CurrentUser buyer, String holdId, String paymentToken, String key) {
		return this.saga.purchase(buyer, holdId, paymentToken, key).flatMap((sold) -> {
			Response response = new Response(HttpStatus.CREATED.value(), sold.json());
			// Mostly kept already, by the statement that confirmed the order.
			return sold.kept() ? Mono.just(response)
					: this.keys.complete(buyer.id(), key, response.status(), response.json())
						.onErrorResume(BackingServiceFailures::isUnavailable, (lost) -> Mono.empty())
						.thenReturn(response);
		})
			.onErrorResume((ex) -> keep(buyer, key, ex)
				.onErrorResume(BackingServiceFailures::isUnavailable, (lost) -> Mono.empty())
				.then(Mono.error(ex)));
	}

	private Mono<Void> keep(CurrentUser buyer, String key, Throwable failure) {
		if (failure instanceof ApiException refused && refused.status() != HttpStatus.SERVICE_UNAVAILABLE) {
			return this.keys.complete(buyer.id(), key, refused.status().value(),
					this.json.writeValueAsString(refused.problem()));
		}
		return this.outcomes.settle(buyer.id(), key);
	}

	Mono<OrderView> find(CurrentUser buyer, UUID orderId) {
		return own(buyer, orderId).flatMap(this.views::of);
	}

	/** The buyer's orders, newest first, a page at a time. */
	Mono<OrderPage> mine(CurrentUser buyer, @Nullable String cursor, int limit) {
		@Nullable OrderCursor after;
		try {
			after = (cursor != null && !cursor.isBlank()) ? OrderCursor.decode(cursor) : null;
		}
		catch (ApiException ex) {
			return Mono.error(ex);
		}
		return this.orders
			.ofBuyer(buyer.id(), (after != null) ? after.createdAt() : null, (after != null) ? after.id() : null,
					limit + 1)
			.concatMap(this.views::of)
			.collectList()
			.map((found) -> {
				if (found.size() <= limit) {
					return new OrderPage(found, null);
				}
				List<OrderView> page = found.subList(0, limit);
				OrderView last = page.get(page.size() - 1);
				return new OrderPage(page, new OrderCursor(last.createdAt(), last.orderId()).encode());
			});
	}

	Flux<TicketView> tickets(CurrentUser buyer) {
		return this.orders.ticketsOfBuyer(buyer.id());
	}

	Mono<OrderView> cancel(CurrentUser buyer, UUID orderId) {
		return toTheEnd(own(buyer, orderId).flatMap(this.cancellation::cancel)).flatMap(this.views::of);
	}

	private Mono<OrderRecord> own(CurrentUser buyer, UUID orderId) {
		return this.orders.find(orderId)
			.filter((order) -> order.buyerId().equals(buyer.id()))
			.switchIfEmpty(Mono.error(BookingExceptions::orderNotFound));
	}

}
