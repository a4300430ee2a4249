package dev.boxoffice.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.boxoffice.payment.PaymentDeclinedException;
import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.PaymentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds orders a crash left unfinished (PENDING or CANCELLING, untouched for
 * {@code boxoffice.booking.recovery-after}), at start-up and every
 * {@code recovery-interval}, and drives each to a final state: before the seats were
 * committed, undo; after, finish (or undo if the capture is refused). One instance claims
 * each order. The buyer's Idempotency-Key then replays the outcome.
 */
@Component
class SagaRecovery {

	private static final Logger log = LoggerFactory.getLogger(SagaRecovery.class);

	private static final Duration PER_ORDER = Duration.ofSeconds(30);

	private final OrderRepository orders;

	private final PaymentGateway payments;

	private final Compensations compensations;

	private final PurchaseSaga saga;

	private final OrderCancellation cancellation;

	private final IdempotencyKeys keys;

	private final PurchaseOutcomes outcomes;

	private final BookingProperties properties;

	private final Clock clock;

	SagaRecovery(OrderRepository orders, PaymentGateway payments, Compensations compensations, PurchaseSaga saga,
			OrderCancellation cancellation, IdempotencyKeys keys, PurchaseOutcomes outcomes,
			BookingProperties properties, Clock clock, PaymentProperties payment) {
		if (properties.recoveryAfter().compareTo(payment.timeout().multipliedBy(2)) <= 0) {
			// Recovery must never take over a purchase that is still waiting for the
			// provider.
			throw new IllegalStateException("boxoffice.booking.recovery-after (" + properties.recoveryAfter()
					+ ") must be longer than twice boxoffice.payment.timeout (" + payment.timeout() + ")");
		}
		this.orders = orders;
		this.payments = payments;
		this.compensations = compensations;
		this.saga = saga;
		this.cancellation = cancellation;
		this.keys = keys;
		this.outcomes = outcomes;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartup() {
		recoverAll().subscribe();
	}

	/**
	 * (Spring subscribes to the returned Mono again on every run: the work is deferred to
	 * then.)
	 */
	@Scheduled(fixedDelayString = "${boxoffice.booking.recovery-interval:10s}")
	Mono<Void> periodically() {
		return Mono.defer(this::recoverAll).then();
	}

	/**
	 * Recovers what is due now (orders, then the keys requests left behind); how many
	 * orders it finished.
	 */
	Mono<Long> recoverAll() {
		return recoverOrders().flatMap((finished) -> finishAbandonedKeys().thenReturn(finished));
	}

	private Mono<Long> recoverOrders() {
		return this.orders.unfinishedSince(this.clock.instant().minus(this.properties.recoveryAfter()), 100)
			.collectList()
			.flatMapIterable((due) -> due)
			.concatMap((order) -> this.orders.claim(order.id(), order.updatedAt())
				.filter(Boolean::booleanValue)
				.flatMap((claimed) -> recover(order))
				// One stuck order must not stall recovery of the others.
				.timeout(PER_ORDER)
				.thenReturn(1L)
				.onErrorResume((ex) -> {
					log.warn("Could not recover order {} yet; will try again", order.id(), ex);
					return Mono.just(0L);
				}))
			.reduce(0L, Long::sum)
			.onErrorResume((ex) -> {
				log.warn("Saga recovery failed; will try again", ex);
				return Mono.just(0L);
			});
	}

	private Mono<Void> recover(OrderRecord order) {
		log.info("Recovering order {} ({} at step {})", order.id(), order.status(), order.step());
		Mono<Void> outcome;
		if (order.status() == OrderStatus.CANCELLING) {
			return this.cancellation.finish(order);
		}
		if (order.status() == OrderStatus.CONFIRMED) {
			// Sold and paid; only Redis had not been told the seats are sold.
			return this.saga.markSold(order).then(this.orders.redisPending(order.id(), false));
		}
		if (order.status() == OrderStatus.FAILED || order.status() == OrderStatus.CANCELLED) {
			// Final in PostgreSQL; what could not be done then (the void, Redis) is done
			// now.
			return this.compensations.settle(order).then(this.outcomes.remember(order));
		}
		switch (order.step()) {
			case CREATED, AUTHORIZED ->
				outcome = this.compensations.beforeCommit(order, "interrupted before the sale was committed");
			case COMMITTED -> outcome = this.saga.markSold(order)
				.then(this.payments.capture(order.id()))
				.then(this.saga.finish(order))
				.onErrorResume(PaymentDeclinedException.class,
						(refused) -> this.compensations.afterCommit(order, "payment capture failed"));
			default -> outcome = this.saga.markSold(order).then(this.saga.finish(order));
		}
		return outcome.then(this.orders.find(order.id())).flatMap(this.outcomes::remember);
	}

	/**
	 * Keys still IN_FLIGHT long after their request: its order is final (the request
	 * died, or could not keep the outcome), so the key gets the outcome; or it made no
	 * order, so the key is forgotten. Either way the buyer's retry gets an answer, not
	 * 409 for a day.
	 */
	private Mono<Void> finishAbandonedKeys() {
		Instant before = this.clock.instant().minus(this.properties.recoveryAfter().multipliedBy(2));
		return this.keys.abandoned(before, 100)
			.concatMap((left) -> this.outcomes.settle(left.buyerId(), left.key()).onErrorResume((ex) -> {
				log.warn("Could not finish Idempotency-Key of buyer {} yet; will try again", left.buyerId(), ex);
				return Mono.empty();
			}))
			.then()
			.onErrorResume((ex) -> {
				log.warn("Finishing abandoned Idempotency-Keys failed; will try again", ex);
				return Mono.empty();
			});
	}

}
