package dev.boxoffice.waitlist;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.boxoffice.booking.BookingProperties;
import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.catalog.EventStatus;
import dev.boxoffice.platform.audit.EventInvariants;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The waitlist's part of an event's audit, counted in PostgreSQL. */
@Component
class WaitlistInvariants implements EventInvariants {

	private final DatabaseClient db;

	private final EventCatalog catalog;

	private final BookingProperties booking;

	WaitlistInvariants(DatabaseClient db, EventCatalog catalog, BookingProperties booking) {
		this.db = db;
		this.catalog = catalog;
		this.booking = booking;
	}

	@Override
	public Flux<Invariant> check(UUID eventId, Instant now) {
		return Flux.concat(oneLiveEntryPerBuyer(eventId), noLiveEntryAfterCancellation(eventId, now));
	}

	private Mono<Invariant> oneLiveEntryPerBuyer(UUID eventId) {
		return this.db.sql("""
				SELECT count(*) AS twice FROM (SELECT buyer_id FROM waitlist_entries
				 WHERE event_id = :event AND state IN ('WAITING', 'OFFERED')
				 GROUP BY buyer_id HAVING count(*) > 1) buyers
				""")
			.bind("event", eventId)
			.map((row) -> row.get("twice", Long.class))
			.one()
			.map((twice) -> Invariant.none("oneLiveWaitlistEntryPerBuyer", twice,
					"no buyer has two live entries (WAITING or OFFERED) in the event's waitlist"));
	}

	/**
	 * A cancelled event's entries are ended within a pass of the cancellation: none may
	 * be live once that pass is overdue.
	 */
	private Mono<Invariant> noLiveEntryAfterCancellation(UUID eventId, Instant now) {
		Duration patience = this.booking.recoveryInterval().plusSeconds(10);
		String rule = "no live waitlist entry of an event cancelled more than " + patience.toSeconds() + " s ago";
		Mono<Boolean> cancelledLongAgo = this.catalog.event(eventId)
			.filter((event) -> event.status() == EventStatus.CANCELLED)
			.flatMap((event) -> this.catalog.cancelledSince(now.minus(patience))
				.any(eventId::equals)
				.map((recent) -> !recent))
			.defaultIfEmpty(false);
		return cancelledLongAgo.flatMap((due) -> due ? this.db
			.sql("SELECT count(*) AS live FROM waitlist_entries WHERE event_id = :event "
					+ "AND state IN ('WAITING', 'OFFERED')")
			.bind("event", eventId)
			.map((row) -> row.get("live", Long.class))
			.one() : Mono.just(0L)).map((live) -> Invariant.none("noLiveWaitlistEntryAfterCancellation", live, rule));
	}

}
