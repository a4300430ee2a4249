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
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many Server-Sent Events streams of one path, one per bearer token, kept open on one
 * thread and one selector (as {@link SeatWatchers} does for the seat stream): thousands
 * of them must cost the load generator little, since it shares the machine it measures.
 * Every event is handed to the {@link Listener} on the reading thread, with the
 * wall-clock millisecond its bytes were read.
 */
final class SseStreams implements AutoCloseable {

	/** Told of every event of every stream, on the reading thread: it must be quick. */
	interface Listener {

		void event(int stream, String name, String data, long atMillis);

	}

	private final Listener listener;

	private final Selector selector;

	private final Queue<Stream> arriving = new ConcurrentLinkedQueue<>();

	private final AtomicLong opened = new AtomicLong();

	private final AtomicLong ended = new AtomicLong();

	private final Thread reader;

	private volatile boolean closing;

	private SseStreams(Listener listener) {
		this.listener = listener;
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.reader = new Thread(this::read, "sse-streams");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Opens {@code path} once per bearer token, {@code perSecond} at a time, and waits
	 * until each stream has answered 200 and sent its first line, or has failed.
	 */
	static SseStreams open(String baseUrl, String path, List<String> bearers, int perSecond, Listener listener) {
		SseStreams all = new SseStreams(listener);
		CountDownLatch settled = new CountDownLatch(bearers.size());
		URI base = URI.create(baseUrl);
		int port = (base.getPort() > 0) ? base.getPort() : 80;
		InetSocketAddress address = new InetSocketAddress(base.getHost(), port);
		try {
			for (int i = 0; i < bearers.size(); i++) {
				if (i > 0 && i % Math.max(1, perSecond) == 0) {
					Thread.sleep(1000);
				}
				byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + port
						+ "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + bearers.get(i) + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				Stream stream = all.new Stream(i, settled);
				try {
					SocketChannel channel = SocketChannel.open(address);
					channel.write(ByteBuffer.wrap(request));
					channel.configureBlocking(false);
					stream.channel = channel;
					all.arriving.add(stream);
					all.selector.wakeup();
				}
				catch (IOException ex) {
					stream.ended();
				}
			}
			if (!settled.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Streams still opening after 120 s: " + settled.getCount());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		System.out.println("Streams open: " + all.opened.get() + " of " + bearers.size() + " (" + path + ")");
		return all;
	}

	/** Streams that answered 200 and sent a first line. */
	long opened() {
		return this.opened.get();
	}

	/** Streams that failed or ended before {@link #close}. */
	long endedEarly() {
		return this.ended.get();
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

	/** The one reading thread: every stream's bytes, as they come. */
	private void read() {
		ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
		try (Selector open = this.selector) {
			while (!this.closing) {
				open.select(100);
				for (Stream next = this.arriving.poll(); next != null; next = this.arriving.poll()) {
					next.channel.register(open, SelectionKey.OP_READ, next);
				}
				for (SelectionKey key : open.selectedKeys()) {
					Stream stream = (Stream) key.attachment();
					buffer.clear();
					int read;
					try {
						read = stream.channel.read(buffer);
					}
					catch (IOException ex) {
						read = -1;
					}
					if (read < 0) {
						key.cancel();
						stream.parser.closed();
					}
					else {
						stream.at = System.currentTimeMillis();
						stream.parser.take(buffer.array(), read);
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

	/** One stream: its connection and its parser. */
	private final class Stream implements SseParser.Sink {

		private final int index;

		private final CountDownLatch settled;

		private final SseParser parser = new SseParser(this);

		private volatile boolean counted;

		SocketChannel channel;

		long at;

		Stream(int index, CountDownLatch settled) {
			this.index = index;
			this.settled = settled;
		}

		private void settle() {
			if (!this.counted) {
				this.counted = true;
				this.settled.countDown();
			}
		}

		@Override
		public void opened() {
			SseStreams.this.opened.incrementAndGet();
			settle();
		}

		@Override
		public void event(String name, String data) {
			SseStreams.this.listener.event(this.index, name, data, this.at);
		}

		@Override
		public void ended() {
			settle();
			if (!SseStreams.this.closing) {
				SseStreams.this.ended.incrementAndGet();
			}
		}

	}

}
