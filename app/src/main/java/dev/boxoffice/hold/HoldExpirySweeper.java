package dev.boxoffice.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
 * Frees the seats of expired holds and announces them AVAILABLE, then warns buyers whose
 * holds are about to expire, every {@code boxoffice.holds.sweep-interval}, on every
 * instance. It does not wait for Redis keyspace notifications (which are
 * fire-and-forget): it looks at the held sets. Several instances sweeping at once
 * announce each seat once (see {@code expire.lua}) and warn each hold once
 * ({@code warn.lua}).
 * <p>
 * Freeing comes first: it is what the invariants need (no hold outlives its TTL by more
 * than a few seconds), and a warning that fails or is slow must not hold it up. Warnings
 * look only at what has come into the warning window since the last sweep of the event
 * (and, when a hold may be shorter than the window, at where a new one can be): a sweep
 * that asked about every hold in the window asked about a minute's worth of holds every
 * second, one script each, and at a rush's rate of holds fell behind its interval — and
 * the expiries behind it (docs/performance.md).
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

	private final WarningScope scope;

	/**
	 * Per event, the last warning pass that ended: when it ran, and how far it looked.
	 */
	private final Map<UUID, Looked> looked = new ConcurrentHashMap<>();

	/**
	 * What a warning pass of an event looked at: up to {@code toMillis}, at
	 * {@code atMillis}.
	 */
	private record Looked(long atMillis, long toMillis) {
	}

	/**
	 * How far Redis's clock (a hold's expiry is Redis's time plus its TTL) may be behind
	 * this instance's and a new hold still be looked at.
	 */
	private static final long CLOCK_LEEWAY_MILLIS = 5_000;

	/** Warnings sent at once: their scripts go out pipelined on Redis's connection. */
	private static final int WARNINGS_AT_ONCE = 16;

	HoldExpirySweeper(HoldIndex index, SeatScripts scripts, Allotments allotments, Clock clock,
			UserNotifications notifications, HoldProperties holds, WarningScope scope, BusinessMetrics metrics) {
		this.scope = scope;
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
	 * seats held. What the warnings of events without holds any more looked at is
	 * forgotten.
	 */
	private Mono<Void> sweepAll() {
		Set<UUID> walked = ConcurrentHashMap.newKeySet();
		return this.index.eventsWithHolds()
			.doOnNext(walked::add)
			.concatMap((event) -> sweep(event).then(warn(event)).onErrorResume((ex) -> {
				log.warn("Hold expiry sweep of event {} failed; will try again", event, ex);
				return Mono.empty();
			}))
			.then(Mono.fromRunnable(() -> this.looked.keySet().retainAll(walked)))
			.onErrorResume((ex) -> {
				log.warn("Hold expiry sweep failed; will try again", ex);
				return Mono.empty();
			})
			.then();
	}

	/**
	 * Warns, once, the buyers of holds that expire within the warning window: of those
	 * not looked at by the event's last pass. A hold taken since that pass expires no
	 * sooner than its time plus the shortest TTL a hold has here, so only holds shorter
	 * than the window make a pass look again at part of what the last one saw. Until a
	 * pass has ended (after a start, or a failed pass), and after a claim was undone
	 * ({@link WarningScope}), the whole window is looked at; {@code warn.lua} warns a
	 * hold once whoever looks.
	 */
	Mono<Void> warn(UUID eventId) {
		long now = this.clock.millis();
		long to = now + warningWindow().toMillis();
		if (this.scope.lookAgain(eventId)) {
			this.looked.remove(eventId);
		}
		Looked last = this.looked.get(eventId);
		long from = (last == null) ? now : Math.max(now,
				Math.min(last.toMillis(), last.atMillis() + this.scope.shortestMillis() - CLOCK_LEEWAY_MILLIS));
		return this.index.holdsExpiringWithin(eventId, from, to)
			.flatMap((holdId) -> warnOnce(eventId, holdId), WARNINGS_AT_ONCE)
			.then(Mono.fromRunnable(() -> this.looked.put(eventId, new Looked(now, to))));
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
