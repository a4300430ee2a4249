package dev.boxoffice.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code K} watchers of an event's live seat stream, connected before a rush and kept
 * through it. Delivery lag is the time from a hold's answer reaching its buyer to the
 * matching {@code HELD} change reaching a watcher, both seen by this process's clock, in
 * 1 ms buckets. (A change that arrives before its buyer's answer counts as 0 ms.)
 *
 * <p>
 * The watchers share one thread and one selector, and read HTTP/1.1 and SSE off the bytes
 * themselves: thousands of them must cost the load generator little, since it runs on the
 * machine it measures (a full HTTP client per watcher took more CPU than the service).
 */
final class SeatWatchers implements AutoCloseable {

	private static final byte[] HELD = "\"status\":\"HELD\"".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SEAT_ID = "\"seatId\":\"".getBytes(StandardCharsets.US_ASCII);

	private final Map<String, Long> heldAt = new ConcurrentHashMap<>();

	private final Histogram lag = new Histogram();

	private final AtomicLong snapshots = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final Selector selector;

	private final Queue<Watcher> arriving = new ConcurrentLinkedQueue<>();

	private final List<Watcher> watchers = new ArrayList<>();

	private final Thread reader;

	private volatile boolean closing;

	private SeatWatchers() {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.reader = new Thread(this::read, "seat-watchers");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Connects {@code count} watchers, {@code -Dwatchers-per-second} (default 500) at a
	 * time as a crowd arriving would, and waits until each has its snapshot or has
	 * failed.
	 */
	static SeatWatchers connect(String baseUrl, String eventId, int count) {
		SeatWatchers all = new SeatWatchers();
		CountDownLatch settled = new CountDownLatch(count);
		URI base = URI.create(baseUrl);
		int port = (base.getPort() > 0) ? base.getPort() : 80;
		InetSocketAddress address = new InetSocketAddress(base.getHost(), port);
		byte[] request = ("GET /api/events/" + eventId + "/seats/stream HTTP/1.1\r\nHost: " + base.getHost() + ":"
				+ port + "\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		int perSecond = Math.max(1, LoadSettings.number("watchers-per-second", 500));
		try {
			for (int i = 0; i < count; i++) {
				if (i > 0 && i % perSecond == 0) {
					Thread.sleep(1000);
				}
				Watcher watcher = all.new Watcher(settled);
				all.watchers.add(watcher);
				try {
					SocketChannel channel = SocketChannel.open(address);
					channel.write(ByteBuffer.wrap(request));
					channel.configureBlocking(false);
					watcher.channel = channel;
					all.arriving.add(watcher);
					all.selector.wakeup();
				}
				catch (IOException ex) {
					watcher.ended();
				}
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
		if (!Window.counts(at)) {
			return;
		}
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
		this.closing = true;
		this.selector.wakeup();
		try {
			this.reader.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The one reading thread: every watcher's bytes, as they come. */
	private void read() {
		ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
		try (Selector open = this.selector) {
			while (!this.closing) {
				open.select(100);
				for (Watcher next = this.arriving.poll(); next != null; next = this.arriving.poll()) {
					next.channel.register(open, SelectionKey.OP_READ, next);
				}
				for (SelectionKey key : open.selectedKeys()) {
					Watcher watcher = (Watcher) key.attachment();
					buffer.clear();
					int read;
					try {
						read = watcher.channel.read(buffer);
					}
					catch (IOException ex) {
						read = -1;
					}
					if (read < 0) {
						key.cancel();
						watcher.ended();
					}
					else {
						watcher.take(buffer.array(), read, System.nanoTime());
					}
				}
				open.selectedKeys().clear();
			}
			for (SelectionKey key : open.keys()) {
				key.channel().close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One SSE connection: the response head, then (chunked or not) the body, cut into SSE
	 * lines. Touched only by the reading thread once connected.
	 */
	private final class Watcher {

		private final CountDownLatch settled;

		private volatile boolean counted;

		SocketChannel channel;

		private byte[] line = new byte[512];

		private int length;

		private boolean inHead = true;

		private boolean chunked;

		/**
		 * Chunked body: bytes left in this chunk; -1 while reading a chunk's size line.
		 */
		private long chunkLeft = -1;

		private long chunkSize;

		private boolean afterChunk;

		private String event = "";

		private boolean snapshotSeen;

		Watcher(CountDownLatch settled) {
			this.settled = settled;
		}

		/** Settles this watcher once: it has its snapshot, or it will never get one. */
		private void settle() {
			if (!this.counted) {
				this.counted = true;
				this.settled.countDown();
			}
		}

		void ended() {
			settle();
			if (!SeatWatchers.this.closing) {
				SeatWatchers.this.dropped.incrementAndGet();
			}
		}

		void take(byte[] bytes, int count, long at) {
			int i = 0;
			while (i < count) {
				if (this.inHead || !this.chunked) {
					line(bytes[i++], at);
				}
				else if (this.afterChunk) {
					// The CRLF that closes a chunk's data.
					if (bytes[i++] == '\n') {
						this.afterChunk = false;
					}
				}
				else if (this.chunkLeft < 0) {
					byte b = bytes[i++];
					if (b == '\n') {
						this.chunkLeft = this.chunkSize;
						this.chunkSize = 0;
						if (this.chunkLeft == 0) {
							ended();
							return;
						}
					}
					else if (Character.digit(b, 16) >= 0) {
						this.chunkSize = this.chunkSize * 16 + Character.digit(b, 16);
					}
				}
				else {
					int n = (int) Math.min(this.chunkLeft, count - i);
					for (int end = i + n; i < end; i++) {
						line(bytes[i], at);
					}
					this.chunkLeft -= n;
					if (this.chunkLeft == 0) {
						this.chunkLeft = -1;
						this.afterChunk = true;
					}
				}
			}
		}

		private void line(byte b, long at) {
			if (b != '\n') {
				if (this.length == this.line.length) {
					this.line = Arrays.copyOf(this.line, this.length * 2);
				}
				this.line[this.length++] = b;
				return;
			}
			int end = (this.length > 0 && this.line[this.length - 1] == '\r') ? this.length - 1 : this.length;
			this.length = 0;
			if (this.inHead) {
				head(end);
			}
			else {
				sse(end, at);
			}
		}

		private void head(int end) {
			if (end == 0) {
				this.inHead = false;
				return;
			}
			String text = new String(this.line, 0, end, StandardCharsets.US_ASCII);
			if (text.startsWith("HTTP/") && !text.contains(" 200")) {
				ended();
			}
			else if (text.regionMatches(true, 0, "transfer-encoding:", 0, 18)
					&& text.regionMatches(true, text.length() - 7, "chunked", 0, 7)) {
				this.chunked = true;
			}
		}

		private void sse(int end, long at) {
			if (end == 0) {
				this.event = "";
			}
			else if (startsWith("event:", end)) {
				this.event = new String(this.line, 6, end - 6, StandardCharsets.US_ASCII).trim();
			}
			else if (startsWith("data:", end)) {
				if ("snapshot".equals(this.event) && !this.snapshotSeen) {
					this.snapshotSeen = true;
					SeatWatchers.this.snapshots.incrementAndGet();
					settle();
				}
				else if ("seat".equals(this.event) && indexOf(HELD, end) >= 0) {
					int from = indexOf(SEAT_ID, end);
					if (from >= 0) {
						from += SEAT_ID.length;
						int to = from;
						while (to < end && this.line[to] != '"') {
							to++;
						}
						arrived(new String(this.line, from, to - from, StandardCharsets.UTF_8), at);
					}
				}
			}
		}

		private boolean startsWith(String prefix, int end) {
			if (end < prefix.length()) {
				return false;
			}
			for (int i = 0; i < prefix.length(); i++) {
				if (this.line[i] != prefix.charAt(i)) {
					return false;
				}
			}
			return true;
		}

		private int indexOf(byte[] wanted, int end) {
			outer: for (int i = 0; i + wanted.length <= end; i++) {
				for (int j = 0; j < wanted.length; j++) {
					if (this.line[i + j] != wanted[j]) {
						continue outer;
					}
				}
				return i;
			}
			return -1;
		}

	}

}
