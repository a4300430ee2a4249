package dev.boxoffice.booking;

import java.util.List;
import java.util.Map;

import dev.boxoffice.hold.SeatHolds;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.live.UserNotifications;
import dev.boxoffice.payment.PaymentGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Undoing a purchase, in reverse order of its steps. Every compensation is idempotent:
 * recovery may run one again after a crash. If the payment cannot be given back (the
 * provider is down), the order stays PENDING and recovery tries again later: a failed
 * order never keeps a payment.
 */
@Component
class Compensations {

	private static final Logger log = LoggerFactory.getLogger(Compensations.class);

	private final OrderRepository orders;

	private final PaymentGateway payments;

	private final SeatInventory inventory;

	private final SeatHolds holds;

	private final TransactionalOperator transactional;

	private final UserNotifications notifications;

	Compensations(OrderRepository orders, PaymentGateway payments, SeatInventory inventory, SeatHolds holds,
			TransactionalOperator transactional, UserNotifications notifications) {
		this.notifications = notifications;
		this.orders = orders;
		this.payments = payments;
		this.inventory = inventory;
		this.holds = holds;
		this.transactional = transactional;
	}

	/** Before the seats were committed: void the payment, fail the order, free the hold. */
	Mono<Void> beforeCommit(OrderRecord order, String reason) {
		return this.payments.cancel(order.id())
			.then(this.orders.fail(order.id(), reason))
			.flatMap((failed) -> failed ? tellBuyer(order, reason) : Mono.empty())
			.then(releaseHold(order))
			.doOnSuccess((done) -> log.info("Order {} failed: {}", order.id(), reason));
	}

	/**
	 * After the seats were committed: give the money back, then in one transaction void
	 * the tickets, return the seats and fail the order; then announce them AVAILABLE.
	 */
	Mono<Void> afterCommit(OrderRecord order, String reason) {
		return this.payments.cancel(order.id())
			.then(this.orders.voidTickets(order.id())
				.collectList()
				.flatMap((seats) -> seats.isEmpty() ? Mono.just(0L) : this.inventory.unsell(order.eventId(), seats))
				.then(this.orders.fail(order.id(), reason))
				.flatMap((failed) -> this.orders.redisPending(order.id(), true).thenReturn(failed))
				.as(this.transactional::transactional))
			.flatMap((failed) -> failed ? tellBuyer(order, reason) : Mono.empty())
			.then(releaseHold(order))
			.then(announceReturned(order))
			.doOnSuccess((done) -> log.info("Order {} failed after its seats were committed: {}", order.id(), reason));
	}

	private Mono<Void> tellBuyer(OrderRecord order, String reason) {
		return this.notifications.send(order.buyerId(), "order-failed",
				Map.of("orderId", order.id().toString(), "eventId", order.eventId().toString(), "reason", reason));
	}

	private Mono<Void> releaseHold(OrderRecord order) {
		return this.holds.find(order.holdId()).flatMap((hold) -> this.holds.release(hold, order.id()));
	}

	/**
	 * Tells Redis the order's seats came back: no longer in the sold set, AVAILABLE on the
	 * feed. Until that succeeds the order is marked, and recovery repeats it.
	 */
	Mono<Void> announceReturned(OrderRecord order) {
		return unsoldSeats(order)
			.flatMap((returned) -> returned.isEmpty() ? Mono.<Void>empty()
					: this.holds.markAvailable(order.eventId(), returned))
			.then(this.orders.redisPending(order.id(), false));
	}

	/** The seats of the order that are not sold (they came back, or never went). */
	Mono<List<String>> unsoldSeats(OrderRecord order) {
		return this.inventory.lookup(order.eventId(), order.seatIds())
			.filter((seat) -> !seat.sold())
			.map((seat) -> seat.id())
			.collectList();
	}

}
