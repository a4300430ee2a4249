package dev.boxoffice.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code K} watchers of an event's live seat stream, connected before a rush and kept
 * through it. Delivery lag is the time from a hold's answer reaching its buyer to the
 * matching {@code HELD} change reaching a watcher, both seen by this process's clock, in
 * 1 ms buckets. (A change that arrives before its buyer's answer counts as 0 ms.)
 */
final class SeatWatchers implements AutoCloseable {

	private static final Pattern HELD = Pattern.compile("\"seatId\":\"([^\"]+)\",\"status\":\"HELD\"");

	private static final int MAX_MILLIS = 60_000;

	private final Map<String, Long> heldAt = new ConcurrentHashMap<>();

	private final AtomicLongArray lag = new AtomicLongArray(MAX_MILLIS + 1);

	private final AtomicLong snapshots = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final ExecutorService executor = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "seat-watchers");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.executor(this.executor)
		.build();

	private final List<CompletableFuture<?>> streams = new ArrayList<>();

	private final List<Watcher> watchers = new ArrayList<>();

	/** Connects {@code count} watchers and waits until each has its snapshot. */
	static SeatWatchers connect(String baseUrl, String eventId, int count) {
		SeatWatchers all = new SeatWatchers();
		CountDownLatch ready = new CountDownLatch(count);
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/events/" + eventId + "/seats/stream"))
			.header("Accept", "text/event-stream")
			.build();
		for (int i = 0; i < count; i++) {
			Watcher watcher = all.new Watcher(ready);
			all.watchers.add(watcher);
			all.streams.add(all.http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(watcher)));
		}
		try {
			if (!ready.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException(
						"Only " + (count - ready.getCount()) + " of " + count + " watchers got a snapshot in 120 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return all;
	}

	/** Called when a buyer gets the answer to a hold of these seats. */
	void held(List<String> seatIds) {
		long now = System.nanoTime();
		for (String seat : seatIds) {
			this.heldAt.put(seat, now);
		}
	}

	private void arrived(String seatId, long at) {
		Long answered = this.heldAt.get(seatId);
		if (answered == null) {
			// The change overtook the buyer's answer.
			this.lag.incrementAndGet(0);
			return;
		}
		long millis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(at - answered));
		this.lag.incrementAndGet((int) Math.min(MAX_MILLIS, millis));
	}

	/** Count, p50, p95, p99 and max of the lag in milliseconds, and dropped streams. */
	Map<String, Object> report() {
		long total = 0;
		for (int i = 0; i <= MAX_MILLIS; i++) {
			total += this.lag.get(i);
		}
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("watchers", this.watchers.size());
		report.put("deliveries", total);
		report.put("lagP50Ms", percentile(total, 0.50));
		report.put("lagP95Ms", percentile(total, 0.95));
		report.put("lagP99Ms", percentile(total, 0.99));
		report.put("lagMaxMs", percentile(total, 1.0));
		report.put("streamsEndedEarly", this.dropped.get());
		return report;
	}

	private long percentile(long total, double share) {
		if (total == 0) {
			return -1;
		}
		long rank = (long) Math.ceil(share * total);
		long seen = 0;
		for (int i = 0; i <= MAX_MILLIS; i++) {
			seen += this.lag.get(i);
			if (seen >= rank) {
				return i;
			}
		}
		return MAX_MILLIS;
	}

	@Override
	public void close() {
		this.watchers.forEach(Watcher::cancel);
		this.streams.forEach((stream) -> stream.cancel(true));
		this.executor.shutdownNow();
	}

	/** One SSE connection, read line by line. */
	private final class Watcher implements Flow.Subscriber<String> {

		private final CountDownLatch ready;

		private volatile Flow.Subscription subscription;

		private volatile boolean closing;

		private String event = "";

		private boolean snapshotSeen;

		Watcher(CountDownLatch ready) {
			this.ready = ready;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(String line) {
			long at = System.nanoTime();
			if (line.startsWith("event:")) {
				this.event = line.substring(6).trim();
			}
			else if (line.startsWith("data:")) {
				if ("snapshot".equals(this.event) && !this.snapshotSeen) {
					this.snapshotSeen = true;
					SeatWatchers.this.snapshots.incrementAndGet();
					this.ready.countDown();
				}
				else if ("seat".equals(this.event)) {
					Matcher held = HELD.matcher(line);
					if (held.find()) {
						arrived(held.group(1), at);
					}
				}
			}
			else if (line.isEmpty()) {
				this.event = "";
			}
		}

		@Override
		public void onError(Throwable failure) {
			ended();
		}

		@Override
		public void onComplete() {
			ended();
		}

		private void ended() {
			if (!this.closing) {
				SeatWatchers.this.dropped.incrementAndGet();
			}
		}

		void cancel() {
			this.closing = true;
			Flow.Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
		}

	}

}
