package dev.boxoffice.waitlist;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.booking.BookingProperties;
import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.catalog.EventStatus;
import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.platform.audit.EventInvariants;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The waitlist's part of an event's audit, counted in PostgreSQL, and for offers and kept
 * seats also in Redis.
 */
@Component
class WaitlistInvariants implements EventInvariants {

	private final DatabaseClient db;

	private final EventCatalog catalog;

	private final BookingProperties booking;

	private final HoldIndex index;

	WaitlistInvariants(DatabaseClient db, EventCatalog catalog, BookingProperties booking, HoldIndex index) {
		this.index = index;
		this.db = db;
		this.catalog = catalog;
		this.booking = booking;
	}

	@Override
	public Flux<Invariant> check(UUID eventId, Instant now) {
		return Flux.concat(oneLiveEntryPerBuyer(eventId), noLiveEntryAfterCancellation(eventId, now),
				oneLiveOfferPerEntry(eventId), offeredEntriesHaveTheirOffer(eventId), noSeatInTwoLiveOffers(eventId),
				noOfferedSeatSold(eventId), liveOffersHeldInRedis(eventId, now), keptSeatsFree(eventId));
	}

	private Mono<Invariant> oneLiveOfferPerEntry(UUID eventId) {
		return count("""
				SELECT count(*) AS found FROM (SELECT entry_id FROM waitlist_offers
				 WHERE event_id = :event AND state = 'LIVE' GROUP BY entry_id HAVING count(*) > 1) entries
				""", eventId).map((found) -> Invariant.none("oneLiveWaitlistOfferPerEntry", found,
				"no waitlist entry has two live offers"));
	}

	private Mono<Invariant> offeredEntriesHaveTheirOffer(UUID eventId) {
		return count("""
				SELECT (SELECT count(*) FROM waitlist_entries e WHERE e.event_id = :event AND e.state = 'OFFERED'
				          AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.entry_id = e.id AND o.state = 'LIVE'))
				     + (SELECT count(*) FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
				         WHERE o.event_id = :event AND o.state = 'LIVE' AND e.state <> 'OFFERED') AS found
				""", eventId).map((found) -> Invariant.none("offeredEntriesHaveTheirOffer", found,
				"an entry is OFFERED exactly while it has a live offer"));
	}

	/**
	 * Counted from the offers' own seat lists, not from the index that keeps them apart.
	 */
	private Mono<Invariant> noSeatInTwoLiveOffers(UUID eventId) {
		return count("""
				SELECT count(*) AS found FROM (SELECT seat FROM waitlist_offers, unnest(seat_ids) AS seat
				 WHERE event_id = :event AND state = 'LIVE' GROUP BY seat HAVING count(*) > 1) seats
				""", eventId).map((found) -> Invariant.none("noSeatInTwoLiveWaitlistOffers", found,
				"a freed seat is in at most one live offer"));
	}

	private Mono<Invariant> noOfferedSeatSold(UUID eventId) {
		return count("""
				SELECT count(*) AS found FROM waitlist_offers o, unnest(o.seat_ids) AS seat
				JOIN seats s ON s.event_id = :event AND s.seat_id = seat
				WHERE o.event_id = :event AND o.state = 'LIVE' AND s.status = 'SOLD'
				""", eventId)
			.map((found) -> Invariant.none("noWaitlistOfferOfASoldSeat", found, "no seat of a live offer is sold"));
	}

	/**
	 * Every seat of a live offer that has not expired is its hold's in Redis: what the
	 * buyer was told is held for them is.
	 */
	private Mono<Invariant> liveOffersHeldInRedis(UUID eventId, Instant now) {
		return this.db
			.sql("SELECT hold_id, seat_ids FROM waitlist_offers WHERE event_id = :event AND state = 'LIVE' "
					+ "AND expires_at > :now")
			.bind("event", eventId)
			.bind("now", now)
			.map((row) -> new OfferedSeats(row.get("hold_id", String.class),
					List.of(row.get("seat_ids", String[].class))))
			.all()
			.concatMap((offer) -> this.index.ownedBy(eventId, offer.holdId(), offer.seatIds())
				.map((owned) -> offer.seatIds().size() - owned))
			.reduce(0L, Long::sum)
			.map((missing) -> Invariant.none("liveWaitlistOffersHeldInRedis", missing,
					"every seat of a live, unexpired offer is held by the offer's hold in Redis"));
	}

	private record OfferedSeats(String holdId, List<String> seatIds) {
	}

	/** A seat kept for the line is neither sold nor offered. */
	private Mono<Invariant> keptSeatsFree(UUID eventId) {
		return this.index.kept(eventId)
			.flatMap((kept) -> kept.isEmpty() ? Mono.just(0L)
					: this.db.sql("""
							SELECT (SELECT count(*) FROM seats WHERE event_id = :event AND status = 'SOLD'
							          AND seat_id = ANY(CAST(:kept AS text[])))
							     + (SELECT count(*) FROM waitlist_offer_seats WHERE event_id = :event
							          AND seat_id = ANY(CAST(:kept AS text[]))) AS found
							""")
						.bind("event", eventId)
						.bind("kept", kept.keySet().toArray(String[]::new))
						.map((row) -> row.get("found", Long.class))
						.one())
			.map((found) -> Invariant.none("keptSeatsFree", found,
					"a seat kept for the line (Redis) is neither sold nor in a live offer"));
	}

	private Mono<Long> count(String sql, UUID eventId) {
		return this.db.sql(sql).bind("event", eventId).map((row) -> row.get("found", Long.class)).one();
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
