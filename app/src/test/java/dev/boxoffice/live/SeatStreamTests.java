package dev.boxoffice.live;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.inventory.SeatStatus;
import dev.boxoffice.inventory.SeatView;
import dev.boxoffice.support.VirtualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * One watcher's seat stream in virtual time: its heartbeat, snapshots shared for
 * {@code snapshot-reuse} and caught up from the feed, a fresh one after the feed lost
 * entries, the end of a watcher that stopped reading. The feed is read every 100 ms.
 */
@Tag("unit")
// A stream that does not end when it should fails the test instead of hanging the build.
@Timeout(10)
class SeatStreamTests {

	static final UUID EVENT = UUID.randomUUID();

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	final InMemoryFeed redis = new InMemoryFeed();

	final MeterRegistry meters = new SimpleMeterRegistry();

	final SeatStream stream = stream(new LiveProperties(Duration.ofMillis(100), HEARTBEAT, Duration.ofSeconds(2), 8,
			Duration.ofMillis(500), Duration.ofMillis(500)));

	@Test
	void anIdleStreamSendsOnlyAHeartbeatEveryIntervalAfterItsSnapshot() {
		StepVerifier.withVirtualTime(() -> this.stream.open(EVENT, null))
			.assertNext((text) -> assertThat(text).startsWith("id:0-0\nevent:snapshot\n"))
			.expectNoEvent(HEARTBEAT.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(SseText.HEARTBEAT)
			.expectNoEvent(HEARTBEAT.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(SseText.HEARTBEAT)
			.thenCancel()
			.verify();
	}

	/**
	 * One reading of the seats serves watchers for 500 ms. The second watcher is sent the
	 * first one's snapshot, older than a change made since, and then that change; the
	 * third comes after the reading ran out and gets a reading of its own, which includes
	 * it.
	 */
	@Test
	void watchersWithinSnapshotReuseShareOneReadingAndCatchUpOnChangesSinceIt() {
		AtomicReference<String> change = new AtomicReference<>();
		StepVerifier
			.withVirtualTime(() -> Flux.merge(watcher("first", Duration.ZERO),
					watcher("second", Duration.ofMillis(400)), watcher("third", Duration.ofMillis(600))))
			.expectNext("first snapshot 0-0")
			.thenAwait(Duration.ofMillis(200))
			.then(() -> change.set(this.redis.append("A-1-1", "HELD")))
			.thenAwait(Duration.ofMillis(100))
			.assertNext((text) -> assertThat(text).isEqualTo("first seat " + change.get()))
			.thenAwait(Duration.ofMillis(100))
			.expectNext("second snapshot 0-0")
			.assertNext((text) -> assertThat(text).isEqualTo("second seat " + change.get()))
			.thenAwait(Duration.ofMillis(200))
			.assertNext((text) -> assertThat(text).isEqualTo("third snapshot " + change.get()))
			.expectNoEvent(Duration.ofSeconds(1))
			.thenCancel()
			.verify();
		assertThat(this.meters.get("boxoffice.live.snapshots.read").counter().count()).isEqualTo(2);
	}

	/**
	 * The feed lost entries (Redis restarted empty): at its next reading the watcher is
	 * sent a fresh snapshot, read after the loss, not the one still kept from before it.
	 */
	@Test
	void aWatcherOfAFeedThatLostEntriesGetsAFreshSnapshotAtTheNextReading() {
		AtomicReference<String> after = new AtomicReference<>();
		StepVerifier.withVirtualTime(() -> {
			this.redis.append("A-1-1", "SOLD");
			return this.stream.open(EVENT, null).map(SeatStreamTests::describe);
		}).expectNext("snapshot 0-1").thenAwait(Duration.ofMillis(150)).then(() -> {
			this.redis.wipe();
			after.set(this.redis.append("A-1-2", "HELD"));
		})
			.expectNoEvent(Duration.ofMillis(49))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((text) -> assertThat(text).isEqualTo("snapshot " + after.get()))
			.expectNoEvent(Duration.ofSeconds(1))
			.thenCancel()
			.verify();
		assertThat(this.meters.get("boxoffice.live.snapshots.read").counter().count()).isEqualTo(2);
	}

	/**
	 * A watcher reads its snapshot, then nothing, while every reading of the feed finds a
	 * change: once more have piled up than the stream keeps for it, it is sent an
	 * {@code end} event and the stream ends, heartbeats and all.
	 */
	@Test
	void aWatcherThatStopsReadingIsToldToReconnectAndItsStreamEnds() {
		this.redis.changesAtEveryReading();
		StepVerifier.withVirtualTime(() -> this.stream.open(EVENT, null), 1)
			.assertNext((text) -> assertThat(text).contains("event:snapshot"))
			// 600 readings: past the watcher's buffer (8) and what the stream's operators
			// hold.
			.thenAwait(Duration.ofMinutes(1))
			.thenRequest(Long.MAX_VALUE)
			.thenConsumeWhile((text) -> !text.contains("event:end"))
			.assertNext((text) -> assertThat(text).contains("reconnect with Last-Event-ID to resume"))
			.verifyComplete();
		assertThat(this.meters.get("boxoffice.live.dropped.subscribers").counter().count()).isEqualTo(1);
	}

	private Flux<String> watcher(String name, Duration connectsAt) {
		return Mono.delay(connectsAt)
			.thenMany(this.stream.open(EVENT, null))
			.map((text) -> name + " " + describe(text));
	}

	/** An event's name and id ("snapshot 0-0"), from its SSE text. */
	private static String describe(String text) {
		String[] lines = text.split("\n");
		return lines[1].substring("event:".length()) + " " + lines[0].substring("id:".length());
	}

	private SeatStream stream(LiveProperties properties) {
		EventCatalog catalog = mock(EventCatalog.class);
		when(catalog.event(any(UUID.class))).thenReturn(Mono.empty());
		when(catalog.seats(any(UUID.class))).thenAnswer((call) -> Flux.just(seat("A-1-1"), seat("A-1-2")));
		SeatFeed feed = new SeatFeed(this.redis.changeFeed(), properties, this.meters, new VirtualClock());
		return new SeatStream(feed, catalog, properties, this.meters, JsonMapper.shared());
	}

	private static SeatView seat(String id) {
		return new SeatView(id, "A", "1", Integer.parseInt(id.substring(4)), 5000, false, SeatStatus.AVAILABLE);
	}

}
