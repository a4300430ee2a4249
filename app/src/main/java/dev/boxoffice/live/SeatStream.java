package dev.boxoffice.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.inventory.SeatStatus;
import dev.boxoffice.inventory.SeatView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * One watcher's stream of an event's seats: a {@code snapshot}, then every change as a
 * {@code seat} event, each with its feed position as SSE id. A watcher reconnecting with
 * {@code Last-Event-ID} still in the feed gets exactly the changes after it; otherwise a
 * fresh snapshot. The order of the feed is the order of the changes, so a seat is never
 * shown AVAILABLE while it is held or sold.
 */
@Component
class SeatStream {

	private final SeatFeed feed;

	private final EventCatalog catalog;

	private final LiveProperties properties;

	private final Counter sent;

	private final Counter snapshotsRead;

	/**
	 * Per event watched here, the reading of its seats that snapshots share (see
	 * {@link #sharedSnapshot}); removed when the event's last watcher on this instance
	 * leaves, so the map holds only the events being watched.
	 */
	private final Map<UUID, Shared> snapshots = new ConcurrentHashMap<>();

	private final JsonMapper json;

	SeatStream(SeatFeed feed, EventCatalog catalog, LiveProperties properties, MeterRegistry meters, JsonMapper json) {
		this.json = json;
		this.feed = feed;
		this.catalog = catalog;
		this.properties = properties;
		this.sent = meters.counter("boxoffice.live.events.sent");
		this.snapshotsRead = meters.counter("boxoffice.live.snapshots.read");
	}

	/**
	 * The stream as SSE text: each element is one or more events, to be written at once.
	 */
	Flux<String> open(UUID eventId, @Nullable String lastEventId) {
		return this.catalog.event(eventId)
			.then(this.feed.tail(eventId))
			.flatMapMany((tail) -> resumable(eventId, lastEventId)
				.flatMapMany((resume) -> events(eventId, tail, resume ? lastEventId : null)));
	}

	private Mono<Boolean> resumable(UUID eventId, @Nullable String lastEventId) {
		if (!StreamPositions.isUsable(lastEventId)) {
			return Mono.just(false);
		}
		return this.feed.holds(eventId, lastEventId);
	}

	/**
	 * Live changes are subscribed to first and held back; then the head (a snapshot, or
	 * the changes after the client's position) is read and sent; then the held and coming
	 * changes newer than what was sent. No change is missed or sent twice. Changes wait
	 * in a bounded buffer: a watcher too slow to keep up gets an {@code end} event
	 * instead. The changes one reading of the feed found leave together, in one write
	 * whose text was made once for every watcher ({@link FeedBatch}).
	 */
	private Flux<String> events(UUID eventId, String tail, @Nullable String resumeAfter) {
		ConnectableFlux<FeedBatch> live = this.feed.live(eventId, (resumeAfter != null) ? resumeAfter : tail).publish();
		AtomicReference<String> cursor = new AtomicReference<>((resumeAfter != null) ? resumeAfter : tail);
		// A snapshot may be a little older or newer than this watcher's tail: the watcher
		// continues from the snapshot's own position, catching up from the feed.
		Flux<String> head = (resumeAfter != null) ? Flux.empty()
				: sharedSnapshot(eventId).doOnNext((snapshot) -> cursor.set(snapshot.position()))
					.map(Snapshot::text)
					.doOnNext((text) -> this.sent.increment())
					.flux();
		Flux<String> changes = Flux
			.defer(() -> this.feed.after(eventId, cursor.get(), 10_000).collectList().map(FeedBatch::new))
			.concatWith(Flux.defer(() -> live))
			.concatMap((batch) -> batch.isReset() ? snapshotAfterReset(eventId, batch).map((snapshot) -> {
				cursor.set(snapshot.position());
				this.sent.increment();
				return snapshot.text();
			}).flux() : Mono.just(batch.after(cursor.get())).filter((later) -> !later.isEmpty()).map((later) -> {
				cursor.set(later.lastId());
				this.sent.increment(later.size());
				return later.text();
			}).flux());
		Flux<String> data = head.concatWith(changes)
			.onErrorResume(Exceptions::isOverflow, (slow) -> Mono.just(SseText.event(null, "end", null,
					"{\"reason\":\"too slow: reconnect with Last-Event-ID to resume\"}")));
		return Flux.defer(() -> {
			Disposable connection = live.connect();
			return data.publish((shared) -> Flux.merge(shared,
					Flux.interval(this.properties.heartbeat())
						.map((tick) -> SseText.HEARTBEAT)
						.takeUntilOther(shared.then())))
				.doFinally((signal) -> {
					connection.dispose();
					if (!this.feed.watched(eventId)) {
						this.snapshots.remove(eventId);
					}
				});
		});
	}

	/**
	 * A snapshot's position, and its SSE text (made once for every watcher it serves).
	 */
	private record Snapshot(String position, String text) {
	}

	/**
	 * A reading of an event's seats that watchers share: {@code reset} is the feed reset
	 * it was read after, or null.
	 */
	private record Shared(@Nullable FeedBatch reset, Mono<Snapshot> reading) {
	}

	/**
	 * The event's seats at a feed position: the position is read first, then the seats,
	 * so the seats reflect at least every change up to it. One reading serves every
	 * watcher who asks while it runs and for {@code snapshotReuse} after; a failed one is
	 * not kept.
	 */
	private Mono<Snapshot> sharedSnapshot(UUID eventId) {
		if (this.properties.snapshotReuse().isZero()) {
			return readSnapshot(eventId);
		}
		return this.snapshots.computeIfAbsent(eventId, (id) -> shared(id, null)).reading();
	}

	/**
	 * A snapshot read after the feed's {@code reset}: never one read before it, and one
	 * reading for all the event's watchers here (they all see the reset at once).
	 */
	private Mono<Snapshot> snapshotAfterReset(UUID eventId, FeedBatch reset) {
		if (this.properties.snapshotReuse().isZero()) {
			return readSnapshot(eventId);
		}
		return this.snapshots
			.compute(eventId,
					(id, existing) -> (existing != null && existing.reset() == reset) ? existing : shared(id, reset))
			.reading();
	}

	private Shared shared(UUID eventId, @Nullable FeedBatch reset) {
		return new Shared(reset, readSnapshot(eventId).cache((snapshot) -> this.properties.snapshotReuse(),
				(failure) -> Duration.ZERO, () -> Duration.ZERO));
	}

	private Mono<Snapshot> readSnapshot(UUID eventId) {
		return this.feed.tail(eventId).flatMap((position) -> this.catalog.seats(eventId).collectList().map((seats) -> {
			this.snapshotsRead.increment();
			List<String> held = new ArrayList<>();
			List<String> sold = new ArrayList<>();
			for (SeatView seat : seats) {
				if (seat.status() == SeatStatus.HELD) {
					held.add(seat.id());
				}
				else if (seat.status() == SeatStatus.SOLD) {
					sold.add(seat.id());
				}
			}
			SeatSnapshot snapshot = new SeatSnapshot(position, seats.size(), held, sold);
			return new Snapshot(position, SseText.event(position, "snapshot", this.properties.retry(),
					this.json.writeValueAsString(snapshot)));
		}));
	}

}
