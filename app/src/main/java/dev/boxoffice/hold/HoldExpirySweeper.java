package dev.boxoffice.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.inventory.Allotments;
import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.inventory.SeatScripts;
import dev.boxoffice.live.UserNotifications;
import dev.boxoffice.platform.observability.BusinessMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Warns buyers whose holds are about to expire, and frees the seats of expired holds and
 * announces them AVAILABLE, every {@code boxoffice.holds.sweep-interval}, on every
 * instance. It does not wait for Redis keyspace notifications (which are
 * fire-and-forget): it looks at the held sets. Several instances sweeping at once
 * announce each seat once (see {@code expire.lua}).
 */
@Component
class HoldExpirySweeper {

	private static final Logger log = LoggerFactory.getLogger(HoldExpirySweeper.class);

	private final HoldIndex index;

	private final SeatScripts scripts;

	private final Clock clock;

	private final UserNotifications notifications;

	private final HoldProperties holds;

	private final BusinessMetrics metrics;

	private final Allotments allotments;

	HoldExpirySweeper(HoldIndex index, SeatScripts scripts, Allotments allotments, Clock clock,
			UserNotifications notifications, HoldProperties holds, BusinessMetrics metrics) {
		this.metrics = metrics;
		this.allotments = allotments;
		this.index = index;
		this.scripts = scripts;
		this.clock = clock;
		this.notifications = notifications;
		this.holds = holds;
	}

	@Scheduled(fixedDelayString = "${boxoffice.holds.sweep-interval:1s}")
	Mono<Void> sweep() {
		// Spring subscribes to this Mono again on every run; each run reads the clock
		// anew.
		return Mono.defer(this::sweepAll);
	}

	/**
	 * Each event on its own: one whose sweep keeps failing must not keep the others'
	 * seats held.
	 */
	private Mono<Void> sweepAll() {
		return this.index.eventsWithHolds().concatMap((event) -> warn(event).then(sweep(event)).onErrorResume((ex) -> {
			log.warn("Hold expiry sweep of event {} failed; will try again", event, ex);
			return Mono.empty();
		})).onErrorResume((ex) -> {
			log.warn("Hold expiry sweep failed; will try again", ex);
			return Mono.empty();
		}).then();
	}

	/** Warns, once, the buyers of holds that expire within the warning window. */
	Mono<Void> warn(UUID eventId) {
		long now = this.clock.millis();
		return this.index.holdsExpiringWithin(eventId, now, now + warningWindow().toMillis())
			.concatMap((holdId) -> warnOnce(eventId, holdId))
			.then();
	}

	/**
	 * (One script reads and marks the hold: a hold that ends meanwhile is never written
	 * to.)
	 */
	private Mono<Void> warnOnce(UUID eventId, String holdId) {
		return this.scripts.warn(eventId, holdId)
			.flatMap((fields) -> this.notifications.send(UUID.fromString(fields.get(0)), "hold-expiring",
					Map.of("holdId", holdId, "eventId", eventId.toString(), "expiresAt",
							Instant.ofEpochMilli(Long.parseLong(fields.get(1))).toString())));
	}

	/** A minute before expiry, or halfway through shorter holds. */
	private Duration warningWindow() {
		Duration half = this.holds.ttl().dividedBy(2);
		return (half.compareTo(Duration.ofMinutes(1)) < 0) ? half : Duration.ofMinutes(1);
	}

	/** Frees the expired seats of one event; forgets the event once it has no holds. */
	Mono<Long> sweep(UUID eventId) {
		return this.index.seatsDueBy(eventId, this.clock.millis())
			.buffer(500)
			.concatMap((seats) -> this.scripts.expire(eventId, seats))
			.concatWith(this.allotments.expire(eventId))
			.doOnNext((freed) -> this.metrics.count("boxoffice.holds.expired.seats",
					"Seats and places freed by expired holds", eventId, freed))
			.reduce(0L, Long::sum)
			.flatMap((freed) -> this.index.forgetIfIdle(eventId).thenReturn(freed));
	}

}
