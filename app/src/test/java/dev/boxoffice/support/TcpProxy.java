package dev.boxoffice.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a real server, so a test can make PostgreSQL or Redis
 * "go away" ({@link #stop()}: refuse new connections, cut open ones) and come back
 * ({@link #start()}, on the same port), make it slow ({@link #delay}), or lose the answer
 * to one request ({@link #loseAnswerTo}), without touching the shared server.
 */
public final class TcpProxy implements AutoCloseable {

	/**
	 * How long answers are dropped after a marked request, before the connection is cut.
	 */
	private static final Duration LOSS_WINDOW = Duration.ofMillis(300);

	private final String targetHost;

	private final int targetPort;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final Set<Socket> upstreams = ConcurrentHashMap.newKeySet();

	private final AtomicInteger marked = new AtomicInteger();

	private volatile ServerSocket server;

	private volatile long delayMillis;

	private volatile byte[] marker;

	public TcpProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start();
	}

	public int port() {
		return this.port;
	}

	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.server = socket;
			daemon("tcp-proxy-accept-" + this.port, () -> accept(socket));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public synchronized void stop() {
		closeQuietly(this.server);
		this.server = null;
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
		this.upstreams.clear();
	}

	/**
	 * The local ports of the relay's open connections to the server (its clients' ports,
	 * to the server).
	 */
	public int[] upstreamPorts() {
		return this.upstreams.stream().filter((socket) -> !socket.isClosed()).mapToInt(Socket::getLocalPort).toArray();
	}

	/**
	 * Every chunk of data, either way, waits this long before it is passed on (zero:
	 * none).
	 */
	public void delay(Duration delay) {
		this.delayMillis = delay.toMillis();
	}

	/**
	 * Requests whose bytes contain {@code text} wait {@code delay} before they are passed
	 * on (and everything behind them on their connection with them); zero: no longer.
	 */
	public void delayRequestsContaining(String text, Duration delay) {
		this.slowText = delay.isZero() ? null : text.getBytes(StandardCharsets.UTF_8);
		this.slowMillis = delay.toMillis();
	}

	private volatile byte[] slowText;

	private volatile long slowMillis;

	/**
	 * The next request whose bytes contain {@code text} reaches the server, but its
	 * answer (and any other arriving meanwhile) is dropped and, a moment later, the
	 * connection cut, as when a network fails between a command and its reply. Once;
	 * later requests with {@code text} (a client sending it again) are only counted.
	 */
	public void loseAnswerTo(String text) {
		this.marked.set(0);
		this.armed = true;
		this.marker = text.getBytes(StandardCharsets.UTF_8);
	}

	/** How many requests containing the {@link #loseAnswerTo} text reached the server. */
	public int markedRequests() {
		return this.marked.get();
	}

	private volatile boolean armed;

	@Override
	public void close() {
		stop();
	}

	/** One relayed connection: when its answers are to be lost from. */
	private static final class Link {

		volatile boolean losing;

		volatile Runnable cut;

	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket upstream = new Socket(this.targetHost, this.targetPort);
				this.open.add(client);
				this.open.add(upstream);
				this.upstreams.add(upstream);
				Link link = new Link();
				// A clean end (FIN) to the client, as a server or network that goes away
				// between two replies: the client sees the connection end, not a reset.
				link.cut = () -> {
					closeQuietly(upstream);
					try {
						client.shutdownOutput();
					}
					catch (IOException ex) {
						// Already gone.
					}
				};
				daemon("tcp-proxy-up-" + this.port, () -> pipe(client, upstream, link, true));
				daemon("tcp-proxy-down-" + this.port, () -> pipe(upstream, client, link, false));
			}
			catch (IOException ex) {
				// Closed by stop(), or the target refused: either way this connection is
				// gone.
			}
		}
	}

	private void pipe(Socket from, Socket to, Link link, boolean requests) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				pause(this.delayMillis);
				if (requests) {
					byte[] slow = this.slowText;
					if (slow != null && contains(buffer, read, slow)) {
						pause(this.slowMillis);
					}
					mark(buffer, read, link);
				}
				else if (link.losing) {
					continue;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// One side closed.
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
			this.upstreams.remove(requests ? to : from);
		}
	}

	private void mark(byte[] buffer, int length, Link link) {
		byte[] watched = this.marker;
		if (watched == null || !contains(buffer, length, watched)) {
			return;
		}
		this.marked.incrementAndGet();
		if (this.armed) {
			this.armed = false;
			link.losing = true;
			daemon("tcp-proxy-cut-" + this.port, () -> {
				pause(LOSS_WINDOW.toMillis());
				link.cut.run();
			});
		}
	}

	private static boolean contains(byte[] buffer, int length, byte[] text) {
		outer: for (int i = 0; i + text.length <= length; i++) {
			for (int j = 0; j < text.length; j++) {
				if (buffer[i + j] != text[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static void pause(long millis) {
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// Nothing to do.
			}
		}
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

}
