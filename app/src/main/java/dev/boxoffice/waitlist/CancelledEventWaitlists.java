package dev.boxoffice.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.live.UserNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code boxoffice.booking.recovery-interval} (the pace at which the orders of a
 * cancelled event are refunded), ends the live entries of the events cancelled in the
 * last {@link #LOOK_BACK}: they become ENDED. A join that was under way when the event
 * was cancelled is ended by the next pass. Any instance may do it; the update is the same
 * whoever makes it.
 */
@Component
class CancelledEventWaitlists {

	private static final Logger log = LoggerFactory.getLogger(CancelledEventWaitlists.class);

	/** As long as cancelled events' refunds are looked for. */
	static final Duration LOOK_BACK = Duration.ofDays(7);

	private final EventCatalog catalog;

	private final WaitlistRepository entries;

	private final Clock clock;

	private final OfferRepository offers;

	private final UserNotifications notifications;

	CancelledEventWaitlists(EventCatalog catalog, WaitlistRepository entries, Clock clock, OfferRepository offers,
			UserNotifications notifications) {
		this.offers = offers;
		this.notifications = notifications;
		this.catalog = catalog;
		this.entries = entries;
		this.clock = clock;
	}

	/** (Spring subscribes to the returned Mono again on every run.) */
	@Scheduled(fixedDelayString = "${boxoffice.booking.recovery-interval:10s}")
	Mono<Void> periodically() {
		return Mono.defer(this::endDue).then();
	}

	/**
	 * Ends what is due now: the live offers (their holds run out; the event sells
	 * nothing), then the live entries, whose buyers are told. How many entries were
	 * ended.
	 */
	Mono<Long> endDue() {
		return this.catalog.cancelledSince(this.clock.instant().minus(LOOK_BACK))
			.collectList()
			.flatMap(
					(events) -> events.isEmpty() ? Mono.just(0L)
							: this.offers.endForEvents(events)
								.thenMany(this.entries.endLiveEntries(events))
								.concatMap((entry) -> this.notifications
									.send(entry.buyerId(), "waitlist-ended",
											Map.of("entryId", entry.id().toString(), "eventId",
													entry.eventId().toString(), "reason", "the event was cancelled"))
									.thenReturn(entry))
								.count())
			.onErrorResume((ex) -> {
				log.warn("Ending the waitlists of cancelled events failed; will try again", ex);
				return Mono.just(0L);
			});
	}

}
