package dev.boxoffice.booking;

import java.util.List;
import java.util.Map;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.hold.Hold;
import dev.boxoffice.hold.Holds;
import dev.boxoffice.inventory.Allotments;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.live.UserNotifications;
import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.PaymentUnavailableException;
import dev.boxoffice.platform.error.BackingServiceFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Undoing a purchase, in reverse order of its steps. Every compensation is idempotent:
 * recovery may run one again after a crash. If the payment cannot be given back (the
 * provider is down), the order stays PENDING and recovery tries again later: a failed
 * order never keeps a payment. If Redis cannot be told (it is down), the order is final
 * in PostgreSQL and stays marked {@code redis_pending}; recovery tells Redis later.
 */
@Component
class Compensations {

	private static final Logger log = LoggerFactory.getLogger(Compensations.class);

	private final OrderRepository orders;

	private final PaymentGateway payments;

	private final SeatInventory inventory;

	private final Holds holds;

	private final EventCatalog catalog;

	private final TransactionalOperator transactional;

	private final UserNotifications notifications;

	private final SalesMetrics sales;

	private final Allotments allotments;

	Compensations(Allotments allotments, OrderRepository orders, PaymentGateway payments, SeatInventory inventory,
			Holds holds, EventCatalog catalog, TransactionalOperator transactional, UserNotifications notifications,
			SalesMetrics sales) {
		this.allotments = allotments;
		this.notifications = notifications;
		this.sales = sales;
		this.orders = orders;
		this.payments = payments;
		this.inventory = inventory;
		this.holds = holds;
		this.catalog = catalog;
		this.transactional = transactional;
	}

	/**
	 * Before the seats were committed: void the payment, fail the order, free the hold.
	 * The outcome is a failure whatever happens here; if the void cannot be made now, the
	 * order stays PENDING and recovery voids it and fails it (the hold is freed at once
	 * anyway).
	 */
	Mono<Void> beforeCommit(OrderRecord order, String reason) {
		return voidPayment(order)
			.flatMap(
					(voided) -> voided
							? this.orders.failUncommitted(order.id(), reason)
								.flatMap((failed) -> failed ? tellBuyer(order, reason) : Mono.empty())
								.doOnSuccess((done) -> log.info("Order {} failed: {}", order.id(), reason))
							: Mono.empty())
			.then(later(order, releaseHold(order).then(this.orders.redisPending(order.id(), false))));
	}

	/**
	 * A backing service was away before the seats were known to be committed. If they
	 * were not (the commit's answer may have been lost after it was made: then recovery
	 * confirms the order), the order fails at once, the payment is voided, and the hold
	 * goes back to its buyer (until it would have expired anyway), who may buy it again
	 * with a new Idempotency-Key. What cannot be done now (the void, Redis) recovery
	 * does: the order stays marked until then.
	 */
	Mono<Void> interrupted(OrderRecord order, Hold hold) {
		String reason = "the service could not reach its storage; the hold is still yours: "
				+ "buy it again with a new Idempotency-Key";
		return this.orders.failUncommitted(order.id(), reason)
			.flatMap(
					(failed) -> failed
							? Mono.fromRunnable(() -> this.sales.failed(order))
								.then(voidPayment(order))
								.flatMap((voided) -> later(order,
										this.holds.unclaim(hold, order.id())
											.then(voided ? this.orders.redisPending(order.id(), false) : Mono.empty())))
								.doOnSuccess((done) -> log.info("Order {} undone at once: {}", order.id(), reason))
							: Mono.empty())
			.onErrorResume((ex) -> {
				log.warn("Order {} could not be undone now ({}); recovery will", order.id(), ex.toString());
				return Mono.empty();
			});
	}

	/**
	 * After the seats were committed: give the money back, then in one transaction void
	 * the tickets, return the seats and fail the order; then announce them AVAILABLE. If
	 * the money cannot be given back now, nothing is undone and the outcome is not known
	 * yet ({@link BookingExceptions#outcomePending()}): recovery finishes the order.
	 */
	Mono<Void> afterCommit(OrderRecord order, String reason) {
		return voidPayment(order)
			.flatMap((voided) -> voided ? returnSeats(order, reason) : Mono.error(BookingExceptions.outcomePending()));
	}

	private Mono<Void> returnSeats(OrderRecord order, String reason) {
		return returnTickets(order).then(this.orders.fail(order.id(), reason))
			.as(this.transactional::transactional)
			.flatMap((failed) -> failed ? tellBuyer(order, reason) : Mono.empty())
			.then(later(order, releaseHold(order)))
			.then(announceReturned(order))
			.doOnSuccess((done) -> log.info("Order {} failed after its seats were committed: {}", order.id(), reason));
	}

	/**
	 * Voids the order's tickets and gives back its seats and places in PostgreSQL. Runs
	 * in the caller's transaction.
	 */
	Mono<Void> returnTickets(OrderRecord order) {
		return this.orders.voidTickets(order.id())
			.collectList()
			.flatMap((seats) -> seats.isEmpty() ? Mono.just(0L) : this.inventory.unsell(order.eventId(), seats))
			.then(this.allotments.unsell(order.id()))
			.then();
	}

	/**
	 * True once the payment is given back (or there was none); false if the provider is
	 * away now.
	 */
	private Mono<Boolean> voidPayment(OrderRecord order) {
		return this.payments.cancel(order.id())
			.thenReturn(true)
			.onErrorResume(PaymentUnavailableException.class, (ex) -> {
				log.warn("Order {}: the payment provider could not void its payment now; recovery will", order.id());
				return Mono.just(false);
			});
	}

	/**
	 * A final order still marked: its payment given back (if it was not yet: a failed or
	 * cancelled order keeps none; giving back twice does nothing), its hold freed and, if
	 * its seats had been sold and came back, them announced AVAILABLE.
	 */
	Mono<Void> settle(OrderRecord order) {
		return this.payments.cancel(order.id())
			.then(releaseHold(order))
			.then(this.orders.tickets(order.id()).hasElements())
			.flatMap((committed) -> committed ? announceReturned(order) : this.orders.redisPending(order.id(), false));
	}

	/** The order failed by this call: counted, and its buyer told. */
	private Mono<Void> tellBuyer(OrderRecord order, String reason) {
		this.sales.failed(order);
		return this.notifications.send(order.buyerId(), "order-failed",
				Map.of("orderId", order.id().toString(), "eventId", order.eventId().toString(), "reason", reason));
	}

	/** Frees the hold the order claimed, if it still exists. */
	private Mono<Void> releaseHold(OrderRecord order) {
		return this.holds.find(order.holdId()).flatMap((hold) -> this.holds.release(hold, order.id()));
	}

	/**
	 * Telling Redis (and clearing the order's mark) after the order is final in
	 * PostgreSQL: if a backing service is away, the order stays marked
	 * {@code redis_pending} (failing marks it) and recovery does it again; the buyer
	 * still gets the outcome.
	 */
	private static Mono<Void> later(OrderRecord order, Mono<Void> work) {
		return work.onErrorResume(BackingServiceFailures::isUnavailable, (ex) -> {
			log.warn("Order {}: Redis could not be told its outcome now ({}); recovery will", order.id(),
					ex.toString());
			return Mono.empty();
		});
	}

	/**
	 * Tells Redis the order's seats came back: no longer in the sold set, AVAILABLE on
	 * the feed. Until that succeeds the order is marked, and recovery repeats it.
	 */
	Mono<Void> announceReturned(OrderRecord order) {
		return later(order,
				unsoldSeats(order)
					.flatMap((returned) -> returned.isEmpty() ? Mono.<Void>empty()
							: this.catalog.event(order.eventId())
								.flatMap((event) -> this.holds.markAvailable(event, returned)))
					.then(returnedPlaces(order))
					.then(this.orders.redisPending(order.id(), false)));
	}

	/**
	 * The order's places, if they came back in PostgreSQL, leave the sold counts in
	 * Redis.
	 */
	private Mono<Void> returnedPlaces(OrderRecord order) {
		if (order.units().isEmpty()) {
			return Mono.empty();
		}
		return this.allotments.soldTo(order.id())
			.filter((kept) -> kept == 0)
			.flatMap((none) -> this.holds.markPlacesReturned(order.eventId(), order.holdId(), order.units()));
	}

	/** The seats of the order that are not sold (they came back, or never went). */
	Mono<List<String>> unsoldSeats(OrderRecord order) {
		return this.inventory.lookup(order.eventId(), order.seatIds())
			.filter((seat) -> !seat.sold())
			.map((seat) -> seat.id())
			.collectList();
	}

}
