package dev.boxoffice.live;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.boxoffice.support.VirtualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller of an event's change feed in virtual time: read every 100 ms, once for all
 * the event's watchers, gaps turned into a reset, failures and slow readings ridden out.
 */
@Tag("unit")
// A stream that does not end when it should fails the test instead of hanging the build.
@Timeout(10)
class SeatFeedTests {

	static final UUID EVENT = UUID.randomUUID();

	static final Duration POLL = Duration.ofMillis(100);

	final InMemoryFeed redis = new InMemoryFeed();

	final MeterRegistry meters = new SimpleMeterRegistry();

	final SeatFeed feed = new SeatFeed(this.redis.changeFeed(), new LiveProperties(POLL, Duration.ofSeconds(15),
			Duration.ofSeconds(2), 8, Duration.ofMillis(500), Duration.ofMillis(500)), this.meters, new VirtualClock());

	@Test
	void aChangeReachesWatchersAtTheFirstReadingAfterItEntersTheFeed() {
		StepVerifier.withVirtualTime(() -> seatsChanged(this.feed.live(EVENT, this.redis.append("A-1-1", "SOLD"))))
			.expectSubscription()
			.thenAwait(Duration.ofMillis(150))
			.then(() -> this.redis.append("A-1-2", "HELD"))
			.expectNoEvent(Duration.ofMillis(49))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("A-1-2 HELD")
			.thenCancel()
			.verify();
	}

	@Test
	void oneReadingPerIntervalServesEveryWatcherOfTheEvent() {
		StepVerifier.withVirtualTime(() -> {
			String start = this.redis.append("A-1-1", "SOLD");
			return Flux.merge(seatsChanged(this.feed.live(EVENT, start)), seatsChanged(this.feed.live(EVENT, start)));
		})
			.thenAwait(Duration.ofMillis(450))
			.then(() -> this.redis.append("A-1-2", "HELD"))
			.thenAwait(Duration.ofMillis(50))
			.expectNext("A-1-2 HELD", "A-1-2 HELD")
			.thenAwait(Duration.ofMillis(500))
			.then(() -> assertThat(this.redis.readings()).isEqualTo(10))
			.thenCancel()
			.verify();
	}

	@Test
	void readingStopsWhenTheLastWatcherLeaves() {
		Sinks.Empty<Void> firstLeaves = Sinks.empty();
		Sinks.Empty<Void> secondLeaves = Sinks.empty();
		StepVerifier.withVirtualTime(() -> {
			String start = this.redis.append("A-1-1", "SOLD");
			return Flux.merge(this.feed.live(EVENT, start).takeUntilOther(firstLeaves.asMono()),
					this.feed.live(EVENT, start).takeUntilOther(secondLeaves.asMono()), Flux.never());
		})
			.thenAwait(Duration.ofMillis(250))
			.then(firstLeaves::tryEmitEmpty)
			.thenAwait(Duration.ofMillis(250))
			.then(() -> assertThat(this.redis.readings()).isEqualTo(5))
			.then(secondLeaves::tryEmitEmpty)
			.thenAwait(Duration.ofSeconds(1))
			.then(() -> {
				assertThat(this.redis.readings()).isEqualTo(5);
				assertThat(this.feed.watched(EVENT)).isFalse();
			})
			.thenCancel()
			.verify();
	}

	/**
	 * Redis restarted empty between two readings: the entry read up to is gone. Watchers
	 * get one reset (they need a fresh snapshot), and reading goes on after what the feed
	 * holds now, without announcing the gap again.
	 */
	@Test
	void aFeedThatLostEntriesIsAnnouncedOnceAsAResetAndReadOnFromWhatItHolds() {
		StepVerifier.withVirtualTime(() -> seatsChanged(this.feed.live(EVENT, this.redis.append("A-1-1", "SOLD"))))
			.thenAwait(Duration.ofMillis(150))
			.then(() -> {
				this.redis.wipe();
				this.redis.append("A-1-2", "HELD");
			})
			.thenAwait(Duration.ofMillis(50))
			.expectNext("reset")
			.then(() -> this.redis.append("A-1-3", "HELD"))
			.thenAwait(POLL)
			.expectNext("A-1-3 HELD")
			.expectNoEvent(Duration.ofSeconds(1))
			.thenCancel()
			.verify();
	}

	@Test
	void aFailedReadingIsTriedAgainAtTheNextInterval() {
		StepVerifier.withVirtualTime(() -> seatsChanged(this.feed.live(EVENT, this.redis.append("A-1-1", "SOLD"))))
			.thenAwait(Duration.ofMillis(150))
			.then(() -> {
				this.redis.append("A-1-2", "HELD");
				this.redis.failNextReading();
			})
			.expectNoEvent(Duration.ofMillis(149))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("A-1-2 HELD")
			.thenCancel()
			.verify();
	}

	/**
	 * Readings that take longer than the interval (250 ms) follow one another, back to
	 * back (from 100, 350, 600 ms...); they never pile up on Redis.
	 */
	@Test
	void aSlowReadingIsNeverOverlappedByTheNext() {
		this.redis.readsTake(Duration.ofMillis(250));
		StepVerifier.withVirtualTime(() -> seatsChanged(this.feed.live(EVENT, this.redis.append("A-1-1", "SOLD"))))
			.thenAwait(Duration.ofMillis(400))
			.then(() -> this.redis.append("A-1-2", "HELD"))
			.expectNoEvent(Duration.ofMillis(449))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("A-1-2 HELD")
			.thenAwait(Duration.ofSeconds(1))
			.then(() -> assertThat(this.redis.mostReadingsAtOnce()).isEqualTo(1))
			.thenCancel()
			.verify();
	}

	@Test
	void theLagOfAChangeIsFromEnteringTheFeedToBeingRead() {
		StepVerifier.withVirtualTime(() -> seatsChanged(this.feed.live(EVENT, this.redis.append("A-1-1", "SOLD"))))
			.thenAwait(Duration.ofMillis(130))
			.then(() -> this.redis.append("A-1-2", "HELD"))
			.thenAwait(Duration.ofMillis(70))
			.expectNext("A-1-2 HELD")
			.thenCancel()
			.verify();
		Timer lag = this.meters.get("boxoffice.live.feed.lag").timer();
		assertThat(lag.count()).isEqualTo(1);
		assertThat(lag.max(TimeUnit.MILLISECONDS)).isEqualTo(70);
	}

	/**
	 * A watcher that reads nothing is sent readings until its buffer (8 here) is full,
	 * then an overflow: it is cut off. Another watcher of the event gets every reading
	 * meanwhile.
	 */
	@Test
	void aWatcherThatStopsReadingIsCutOffPastItsBufferWhileAnotherGetsEverything() {
		List<String> fast = new CopyOnWriteArrayList<>();
		AtomicReference<Disposable> fastWatcher = new AtomicReference<>();
		StepVerifier.Step<FeedBatch> stalled = StepVerifier.withVirtualTime(() -> {
			String start = this.redis.append("A-1-1", "SOLD");
			fastWatcher.set(seatsChanged(this.feed.live(EVENT, start)).subscribe(fast::add));
			return this.feed.live(EVENT, start);
		}, 0).expectSubscription();
		// Further apart than the feed is read: each change is a reading of its own.
		for (int i = 0; i < 12; i++) {
			int seat = i;
			stalled = stalled.then(() -> this.redis.append("B-1-" + seat, "HELD")).thenAwait(POLL);
		}
		stalled.thenRequest(100).expectNextCount(8).expectErrorMatches(Exceptions::isOverflow).verify();
		fastWatcher.get().dispose();
		assertThat(fast).hasSize(12).endsWith("B-1-11 HELD");
		assertThat(this.meters.get("boxoffice.live.dropped.subscribers").counter().count()).isEqualTo(1);
	}

	/** Each batch as its changes ("seat status", in order), or "reset". */
	private static Flux<String> seatsChanged(Flux<FeedBatch> batches) {
		return batches.concatMapIterable((batch) -> batch.isReset() ? List.of("reset")
				: batch.entries().stream().map((entry) -> entry.seatId() + " " + entry.status()).toList());
	}

}
