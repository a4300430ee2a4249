package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The waitlist_offers table and the seats of live offers (waitlist_offer_seats). Each
 * change of an offer changes its entry in the same statement's transaction (the callers
 * run them in one).
 */
@Repository
class OfferRepository {

	private static final String SELECT = "SELECT " + WaitlistOffer.COLUMNS + " FROM waitlist_offers";

	private final DatabaseClient db;

	OfferRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Records a live offer and its seats. A seat already in a live offer, or an entry
	 * with a live offer already, fails it on a unique index (the caller's transaction
	 * then rolls back).
	 */
	Mono<Void> insert(UUID id, WaitlistEntry entry, String holdId, List<String> seatIds, long totalCents,
			String currency, Instant freedAt, Instant expiresAt) {
		return this.db.sql("""
				INSERT INTO waitlist_offers (id, entry_id, event_id, buyer_id, hold_id, seat_ids, total_cents, currency,
				                             freed_at, expires_at)
				VALUES (:id, :entry, :event, :buyer, :hold, :seats, :total, :currency, :freed, :expires)
				""")
			.bind("id", id)
			.bind("entry", entry.id())
			.bind("event", entry.eventId())
			.bind("buyer", entry.buyerId())
			.bind("hold", holdId)
			.bind("seats", seatIds.toArray(String[]::new))
			.bind("total", totalCents)
			.bind("currency", currency)
			.bind("freed", freedAt)
			.bind("expires", expiresAt)
			.then()
			.then(this.db.sql("""
					INSERT INTO waitlist_offer_seats (event_id, seat_id, offer_id)
					SELECT :event, seat, :id FROM unnest(CAST(:seats AS text[])) AS seat
					""")
				.bind("event", entry.eventId())
				.bind("id", id)
				.bind("seats", seatIds.toArray(String[]::new))
				.then());
	}

	Flux<WaitlistOffer> live(UUID eventId) {
		return this.db.sql(SELECT + " WHERE event_id = :event AND state = 'LIVE'")
			.bind("event", eventId)
			.map(WaitlistOffer::of)
			.all();
	}

	Mono<WaitlistOffer> liveOf(UUID entryId) {
		return this.db.sql(SELECT + " WHERE entry_id = :entry AND state = 'LIVE'")
			.bind("entry", entryId)
			.map(WaitlistOffer::of)
			.one();
	}

	Mono<WaitlistOffer> find(UUID offerId) {
		return this.db.sql(SELECT + " WHERE id = :id").bind("id", offerId).map(WaitlistOffer::of).one();
	}

	/**
	 * Ends a live offer in {@code state} (its seats are no longer offered); the offer as
	 * it was, or empty if it was not live.
	 */
	Mono<WaitlistOffer> end(UUID offerId, WaitlistOffer.OfferState state) {
		return this.db.sql("""
				UPDATE waitlist_offers SET state = :state, ended_at = clock_timestamp()
				WHERE id = :id AND state = 'LIVE'
				RETURNING %s
				""".formatted(WaitlistOffer.COLUMNS))
			.bind("id", offerId)
			.bind("state", state.name())
			.map(WaitlistOffer::of)
			.one()
			.flatMap((offer) -> releaseSeats(offer.id()).thenReturn(offer));
	}

	/**
	 * The offer whose hold was sold is PURCHASED, whatever ended it before (a sale that
	 * committed is what happened); the offer, or empty if no offer had that hold.
	 */
	Mono<WaitlistOffer> purchased(String holdId) {
		return this.db.sql("""
				UPDATE waitlist_offers SET state = 'PURCHASED', ended_at = clock_timestamp()
				WHERE hold_id = :hold AND state <> 'PURCHASED'
				RETURNING %s
				""".formatted(WaitlistOffer.COLUMNS))
			.bind("hold", holdId)
			.map(WaitlistOffer::of)
			.one()
			.flatMap((offer) -> releaseSeats(offer.id()).thenReturn(offer));
	}

	/** Ends the live offers of these events (cancelled); the offers ended. */
	Flux<WaitlistOffer> endForEvents(List<UUID> eventIds) {
		return this.db.sql("""
				UPDATE waitlist_offers SET state = 'ENDED', ended_at = clock_timestamp()
				WHERE event_id = ANY(:events) AND state = 'LIVE'
				RETURNING %s
				""".formatted(WaitlistOffer.COLUMNS))
			.bind("events", eventIds.toArray(UUID[]::new))
			.map(WaitlistOffer::of)
			.all()
			.concatMap((offer) -> releaseSeats(offer.id()).thenReturn(offer));
	}

	private Mono<Void> releaseSeats(UUID offerId) {
		return this.db.sql("DELETE FROM waitlist_offer_seats WHERE offer_id = :id").bind("id", offerId).then();
	}

}
