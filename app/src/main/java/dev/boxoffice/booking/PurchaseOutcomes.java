package dev.boxoffice.booking;

import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The outcome a purchase's Idempotency-Key replays when the buyer never got the answer
 * (the saga was finished by recovery, or its answer was lost): the order, 201, once it
 * was confirmed (also if cancelled since); a {@code purchase-failed} problem, 409, if it
 * failed. Only final orders have one.
 */
@Component
class PurchaseOutcomes {

	private final IdempotencyKeys keys;

	private final OrderRepository orders;

	private final OrderViews views;

	private final JsonMapper json;

	PurchaseOutcomes(IdempotencyKeys keys, OrderRepository orders, OrderViews views, JsonMapper json) {
		this.keys = keys;
		this.orders = orders;
		this.views = views;
		this.json = json;
	}

	/**
	 * A request with this key ended without an outcome of its own (a backing service was
	 * away, or it died): the key is forgotten if no order was made, gets the order's
	 * outcome if the order is final, and is left to recovery while it is not.
	 */
	Mono<Void> settle(UUID buyerId, String key) {
		return this.orders.findByKey(buyerId, key)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((order) -> order.isPresent() ? remember(order.get()) : this.keys.forget(buyerId, key));
	}

	/**
	 * Keeps the final outcome of {@code order} for its key, unless the key already has
	 * one.
	 */
	Mono<Void> remember(OrderRecord order) {
		if (order.status() == OrderStatus.PENDING) {
			return Mono.empty();
		}
		if (order.status() == OrderStatus.FAILED) {
			String problem = this.json.writeValueAsString(BookingExceptions.purchaseFailed(order).problem());
			return this.keys.complete(order.buyerId(), order.idempotencyKey(), HttpStatus.CONFLICT.value(), problem);
		}
		return this.views.of(order)
			.flatMap((view) -> this.keys.complete(order.buyerId(), order.idempotencyKey(), HttpStatus.CREATED.value(),
					this.json.writeValueAsString(view)));
	}

}
