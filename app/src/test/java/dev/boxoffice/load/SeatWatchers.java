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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

	private final Map<String, Long> heldAt = new ConcurrentHashMap<>();

	private final Histogram lag = new Histogram();

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

	/**
	 * Connects {@code count} watchers, {@code -Dwatchers-per-second} (default 500) at a
	 * time as a crowd arriving would, and waits until each has its snapshot or has failed.
	 */
	static SeatWatchers connect(String baseUrl, String eventId, int count) {
		SeatWatchers all = new SeatWatchers();
		CountDownLatch settled = new CountDownLatch(count);
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/events/" + eventId + "/seats/stream"))
			.header("Accept", "text/event-stream")
			.build();
		int perSecond = Math.max(1, LoadSettings.number("watchers-per-second", 500));
		try {
			for (int i = 0; i < count; i++) {
				if (i > 0 && i % perSecond == 0) {
					Thread.sleep(1000);
				}
				Watcher watcher = all.new Watcher(settled);
				all.watchers.add(watcher);
				all.streams.add(all.http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(watcher))
					.whenComplete((response, failure) -> {
						if (failure != null || response.statusCode() != 200) {
							watcher.failed();
						}
					}));
			}
			if (!settled.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Watchers still connecting after 120 s: " + settled.getCount());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		System.out.println("Watchers connected: " + all.snapshots.get() + " of " + count);
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
		// No answer yet: the change overtook the buyer's answer (0 ms).
		this.lag.record((answered == null) ? 0 : TimeUnit.NANOSECONDS.toMillis(at - answered));
	}

	/** Count, p50, p95, p99 and max of the lag in milliseconds, and dropped streams. */
	Map<String, Object> report() {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("watchers", this.watchers.size());
		report.put("connected", this.snapshots.get());
		report.putAll(this.lag.summary("lag"));
		report.put("streamsEndedEarly", this.dropped.get());
		return report;
	}

	@Override
	public void close() {
		this.watchers.forEach(Watcher::cancel);
		this.streams.forEach((stream) -> stream.cancel(true));
		this.executor.shutdownNow();
	}

	/** One SSE connection, read line by line. */
	private final class Watcher implements Flow.Subscriber<String> {

		private final CountDownLatch settled;

		private final AtomicBoolean counted = new AtomicBoolean();

		private volatile Flow.Subscription subscription;

		private volatile boolean closing;

		private String event = "";

		private boolean snapshotSeen;

		Watcher(CountDownLatch settled) {
			this.settled = settled;
		}

		/** Settles this watcher once: it has its snapshot, or it will never get one. */
		private void settle() {
			if (this.counted.compareAndSet(false, true)) {
				this.settled.countDown();
			}
		}

		void failed() {
			settle();
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
					settle();
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
			settle();
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
