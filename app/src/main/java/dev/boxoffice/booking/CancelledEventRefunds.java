package dev.boxoffice.booking;

import java.time.Clock;
import java.time.Duration;

import dev.boxoffice.catalog.EventCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code boxoffice.booking.recovery-interval}, cancels and refunds the confirmed
 * orders of events cancelled in the last {@link #LOOK_BACK}, a batch at a time, as a
 * buyer's own cancellation would (tickets void, payment refunded, order CANCELLED), and
 * tells each buyer. Orders confirmed after the event was cancelled (a purchase already
 * under way) are found by a later pass. Any instance may take an order; one wins it, and
 * an instance that stops midway leaves it CANCELLING for recovery to finish.
 */
@Component
class CancelledEventRefunds {

	private static final Logger log = LoggerFactory.getLogger(CancelledEventRefunds.class);

	/**
	 * How long after its cancellation an event's orders are still looked for: a purchase
	 * under way finishes within minutes, and a refund that fails is left CANCELLING,
	 * which recovery retries for as long as it takes. Only every instance being down for
	 * longer would leave an order unrefunded.
	 */
	static final Duration LOOK_BACK = Duration.ofDays(7);

	private static final int BATCH = 100;

	private static final Duration PER_ORDER = Duration.ofSeconds(30);

	private final EventCatalog catalog;

	private final OrderRepository orders;

	private final OrderCancellation cancellation;

	private final Clock clock;

	CancelledEventRefunds(EventCatalog catalog, OrderRepository orders, OrderCancellation cancellation, Clock clock) {
		this.catalog = catalog;
		this.orders = orders;
		this.cancellation = cancellation;
		this.clock = clock;
	}

	/** (Spring subscribes to the returned Mono again on every run.) */
	@Scheduled(fixedDelayString = "${boxoffice.booking.recovery-interval:10s}")
	Mono<Void> periodically() {
		return Mono.defer(this::refundDue).then();
	}

	/** Cancels what is due now; how many orders this instance cancelled. */
	Mono<Long> refundDue() {
		return this.catalog.cancelledSince(this.clock.instant().minus(LOOK_BACK))
			.collectList()
			.flatMapMany((events) -> events.isEmpty() ? Flux.empty() : this.orders.confirmedOf(events, BATCH))
			.concatMap((order) -> this.cancellation.becauseTheEventWasCancelled(order)
				.map((cancelled) -> cancelled ? 1L : 0L)
				// One order the provider cannot refund now must not hold up the others.
				.timeout(PER_ORDER)
				.onErrorResume((ex) -> {
					log.warn("Could not cancel order {} of a cancelled event yet; will try again", order.id(), ex);
					return Mono.just(0L);
				}))
			.reduce(0L, Long::sum)
			.onErrorResume((ex) -> {
				log.warn("Refunding the orders of cancelled events failed; will try again", ex);
				return Mono.just(0L);
			});
	}

}
