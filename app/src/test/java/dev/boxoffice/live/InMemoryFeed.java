package dev.boxoffice.live;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.boxoffice.inventory.ChangeFeed;
import dev.boxoffice.inventory.ChangeFeed.Change;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * One event's change feed in memory, read as {@link ChangeFeed} reads the Redis stream:
 * positions are "virtual ms-seq", and each reading is counted, can be made slow, or fail.
 * Sequence numbers start at 1, so that no entry is "0-0", which stands for an empty feed.
 */
final class InMemoryFeed {

	private final List<Change> entries = new CopyOnWriteArrayList<>();

	private final AtomicInteger readings = new AtomicInteger();

	private final AtomicInteger reading = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	private final AtomicReference<Duration> readTime = new AtomicReference<>(Duration.ZERO);

	private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();

	private volatile boolean busy;

	private long lastMillis = -1;

	private long sequence;

	/** The reader of this feed the class under test gets. */
	ChangeFeed changeFeed() {
		ChangeFeed feed = mock(ChangeFeed.class);
		when(feed.tail(any(UUID.class))).thenAnswer((call) -> Mono.fromSupplier(this::tail));
		when(feed.holds(any(UUID.class), anyString())).thenAnswer((call) -> Mono.fromSupplier(
				() -> this.entries.stream().anyMatch((entry) -> entry.position().equals(call.getArgument(1)))));
		when(feed.after(any(UUID.class), anyString(), anyInt())).thenAnswer(
				(call) -> read(call.getArgument(1), call.getArgument(2), false).flatMapIterable((found) -> found));
		when(feed.from(any(UUID.class), anyString(), anyInt()))
			.thenAnswer((call) -> read(call.getArgument(1), call.getArgument(2), true));
		return feed;
	}

	/** Appends a change at the current virtual time; its position. */
	synchronized String append(String seatId, String status) {
		long millis = VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS);
		this.sequence = (millis == this.lastMillis) ? this.sequence + 1 : 1;
		this.lastMillis = millis;
		String position = millis + "-" + this.sequence;
		this.entries.add(new Change(position, seatId, status, null, 0, 0, 0));
		return position;
	}

	/** Loses every entry, as Redis restarted empty does. */
	void wipe() {
		this.entries.clear();
	}

	/** Each reading from now on takes this long. */
	void readsTake(Duration time) {
		this.readTime.set(time);
	}

	/** From now on each reading finds a new change first, as in a sale in full swing. */
	void changesAtEveryReading() {
		this.busy = true;
	}

	/** The next reading fails. */
	void failNextReading() {
		this.nextFailure.set(new IllegalStateException("Redis did not answer"));
	}

	/** Readings begun so far. */
	int readings() {
		return this.readings.get();
	}

	/** The most readings that were under way at one time. */
	int mostReadingsAtOnce() {
		return this.mostAtOnce.get();
	}

	private String tail() {
		return this.entries.isEmpty() ? "0-0" : this.entries.get(this.entries.size() - 1).position();
	}

	private Mono<List<Change>> read(String position, int count, boolean inclusive) {
		return Mono.defer(() -> {
			this.readings.incrementAndGet();
			if (this.busy) {
				append("B-1-1", "HELD");
			}
			this.mostAtOnce.accumulateAndGet(this.reading.incrementAndGet(), Math::max);
			RuntimeException failure = this.nextFailure.getAndSet(null);
			Mono<List<Change>> found = (failure != null) ? Mono.error(failure)
					: Mono.fromSupplier(() -> this.entries.stream()
						.filter((entry) -> compare(entry.position(), position) > 0
								|| (inclusive && entry.position().equals(position)))
						.limit(count)
						.toList());
			Duration time = this.readTime.get();
			// Read when asked, answered `time` later; over before the answer goes on
			// (doFinally would run after the next reading began).
			return (time.isZero() ? found : found.delayElement(time)).doOnTerminate(this.reading::decrementAndGet)
				.doOnCancel(this.reading::decrementAndGet);
		});
	}

	private static int compare(String position, String other) {
		int dash = position.indexOf('-');
		int otherDash = other.indexOf('-');
		int byMillis = Long.compare(Long.parseLong(position.substring(0, dash)),
				Long.parseLong(other.substring(0, otherDash)));
		return (byMillis != 0) ? byMillis : Long.compare(Long.parseLong(position.substring(dash + 1)),
				Long.parseLong(other.substring(otherDash + 1)));
	}

}
