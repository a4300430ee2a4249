package dev.boxoffice.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.boxoffice.booking.AuditReport.Check;
import dev.boxoffice.inventory.HoldIndex;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The part of the audit that looks for what failed requests may leave behind: Redis keys
 * of the event that would live for ever, and Idempotency-Keys of its orders still in
 * flight long after recovery should have finished them.
 */
@Component
class LeftoverAudit {

	private final DatabaseClient db;

	private final HoldIndex index;

	private final BookingProperties booking;

	LeftoverAudit(DatabaseClient db, HoldIndex index, BookingProperties booking) {
		this.db = db;
		this.index = index;
		this.booking = booking;
	}

	Flux<Check> checks(UUID eventId, Instant now) {
		return Flux.concat(keysWithoutTtl(eventId), keysInFlight(eventId, now));
	}

	/**
	 * Every key of the event expires (its held set empties itself: see
	 * {@link HoldIndex#keysWithoutTtl}).
	 */
	private Mono<Check> keysWithoutTtl(UUID eventId) {
		return this.index.keysWithoutTtl(eventId)
			.map((forever) -> new Check("noRedisKeyWithoutTtl", forever == 0, forever,
					"every Redis key of the event expires (but its held set, which the sweep empties)"));
	}

	private Mono<Check> keysInFlight(UUID eventId, Instant now) {
		Duration patience = this.booking.recoveryAfter()
			.multipliedBy(2)
			.plus(this.booking.recoveryInterval())
			.plusSeconds(10);
		return this.db.sql("""
				SELECT count(*) AS stuck FROM idempotency_keys k JOIN orders o
				  ON o.buyer_id = k.buyer_id AND o.idempotency_key = k.key
				WHERE o.event_id = :event AND k.status = 'IN_FLIGHT' AND k.created_at < :before
				""")
			.bind("event", eventId)
			.bind("before", now.minus(patience))
			.map((row) -> row.get("stuck", Long.class))
			.one()
			.map((stuck) -> new Check("noKeyStuckInFlight", stuck == 0, stuck,
					"no Idempotency-Key of the event's orders in flight for longer than recovery takes ("
							+ patience.toSeconds() + " s)"));
	}

}
