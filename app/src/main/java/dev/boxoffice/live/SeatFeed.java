package dev.boxoffice.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.boxoffice.inventory.ChangeFeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * This instance's reader of the events' change feeds (Redis streams). Each watched event
 * is read by one poller, on the shared Redis connection, however many watchers it has;
 * what each reading finds is fanned out to them as one batch, each watcher with a bounded
 * buffer of its own so that a slow one never holds up the others. The poller stops when
 * the last watcher leaves.
 */
@Component
class SeatFeed {

	private static final Logger log = LoggerFactory.getLogger(SeatFeed.class);

	private final ChangeFeed feed;

	private final LiveProperties properties;

	private final Map<UUID, Channel> channels = new ConcurrentHashMap<>();

	private final AtomicInteger watchers = new AtomicInteger();

	private final Counter overflows;

	/** From a change entering the feed to this instance reading it. */
	private final Timer lag;

	private final Clock clock;

	SeatFeed(ChangeFeed feed, LiveProperties properties, MeterRegistry meters, Clock clock) {
		this.feed = feed;
		this.properties = properties;
		this.clock = clock;
		meters.gauge("boxoffice.live.subscribers", this.watchers);
		this.overflows = meters.counter("boxoffice.live.dropped.subscribers");
		this.lag = Timer.builder("boxoffice.live.feed.lag").register(meters);
	}

	/** The position of the feed's newest entry ("0-0" for an empty feed). */
	Mono<String> tail(UUID eventId) {
		return this.feed.tail(eventId);
	}

	/** Entries after {@code position}, oldest first, at most {@code count}. */
	Flux<FeedEntry> after(UUID eventId, String position, int count) {
		return this.feed.after(eventId, position, count).map(SeatFeed::entry);
	}

	/**
	 * Whether the feed still holds the entry at {@code position} (a client may resume
	 * from it).
	 */
	Mono<Boolean> holds(UUID eventId, String position) {
		return this.feed.holds(eventId, position);
	}

	/**
	 * Changes of the event from now on, hot, a batch per reading of the feed. A new
	 * poller starts reading after {@code startAfter}; an existing one goes on where it
	 * is. A watcher that falls more than {@code subscriber-buffer} batches behind gets an
	 * overflow error.
	 */
	Flux<FeedBatch> live(UUID eventId, String startAfter) {
		return Flux.defer(() -> {
			Channel channel = this.channels.compute(eventId,
					(id, existing) -> ((existing != null) ? existing : new Channel(id, startAfter)).join());
			this.watchers.incrementAndGet();
			return channel.sink.asFlux()
				.onBackpressureBuffer(this.properties.subscriberBuffer(), (dropped) -> this.overflows.increment(),
						BufferOverflowStrategy.ERROR)
				.doFinally((signal) -> {
					this.watchers.decrementAndGet();
					leave(eventId, channel);
				});
		});
	}

	/**
	 * What one reading of the feed found; {@code gap}: the position read from is gone.
	 */
	private record Reading(boolean gap, List<FeedEntry> entries) {
	}

	/**
	 * The entries after {@code position}, read together with the entry at it: when that
	 * entry is gone, so are entries after it that were not read yet (Redis lost the
	 * feed).
	 */
	private Mono<Reading> read(UUID eventId, String position) {
		if ("0-0".equals(position)) {
			return after(eventId, position, 1000).collectList().map((entries) -> new Reading(false, entries));
		}
		return this.feed.from(eventId, position, 1001)
			.map((changes) -> changes.stream().map(SeatFeed::entry).toList())
			.map((entries) -> (!entries.isEmpty() && entries.get(0).id().equals(position))
					? new Reading(false, entries.subList(1, entries.size())) : new Reading(true, entries));
	}

	/** Whether the event has watchers on this instance. */
	boolean watched(UUID eventId) {
		return this.channels.containsKey(eventId);
	}

	private void leave(UUID eventId, Channel channel) {
		this.channels.computeIfPresent(eventId,
				(id, existing) -> (existing == channel && channel.leave()) ? null : existing);
	}

	private static FeedEntry entry(ChangeFeed.Change change) {
		return (change.allotment() != null) ? FeedEntry.ofPlaces(change.position(), change.allotment(),
				change.available(), change.held(), change.sold())
				: new FeedEntry(change.position(), change.seatId(), change.status());
	}

	/** One event's poller and its watchers. */
	private final class Channel {

		final Sinks.Many<FeedBatch> sink = Sinks.many().multicast().directBestEffort();

		private final AtomicInteger members = new AtomicInteger();

		private final AtomicReference<String> position;

		private final Disposable poller;

		Channel(UUID eventId, String startAfter) {
			this.position = new AtomicReference<>(startAfter);
			Duration interval = SeatFeed.this.properties.pollInterval();
			this.poller = Flux.interval(interval, interval)
				.onBackpressureDrop()
				.concatMap((tick) -> read(eventId, this.position.get())
					// Told to every watcher off the thread that reads Redis's replies
					// (RedisClientConfiguration): thousands of watchers would hold up
					// the replies behind this one.
					.publishOn(Schedulers.parallel())
					.doOnNext((reading) -> {
						if (reading.gap()) {
							// What the watchers were shown rests on entries the feed no
							// longer has.
							log.info("The change feed of event {} lost entries (Redis restarted or was emptied): "
									+ "its watchers get a fresh snapshot", eventId);
							this.position.set(reading.entries().isEmpty() ? "0-0"
									: reading.entries().get(reading.entries().size() - 1).id());
							this.sink.tryEmitNext(FeedBatch.reset());
						}
						else if (!reading.entries().isEmpty()) {
							publish(reading.entries());
						}
					})
					.onErrorResume((ex) -> {
						log.debug("Reading the feed of {} failed; will try again", eventId, ex);
						return Mono.empty();
					}), 1)
				.subscribe();
		}

		private void publish(List<FeedEntry> entries) {
			FeedBatch batch = new FeedBatch(entries);
			this.position.set(batch.lastId());
			long now = SeatFeed.this.clock.millis();
			for (FeedEntry entry : entries) {
				SeatFeed.this.lag.record(Duration.ofMillis(Math.max(0, now - entry.millis())));
			}
			this.sink.tryEmitNext(batch);
		}

		Channel join() {
			this.members.incrementAndGet();
			return this;
		}

		/** True when the last watcher left: the poller is stopped. */
		boolean leave() {
			if (this.members.decrementAndGet() > 0) {
				return false;
			}
			this.poller.dispose();
			this.sink.tryEmitComplete();
			return true;
		}

	}

}
