package dev.boxoffice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A request the service has taken on and is working on, which does not end until it is
 * closed: a hold whose body never finishes arriving (it promises more bytes than it
 * sends). Admission control counts it in progress from its headers on, as it would any
 * request the service is busy with.
 */
public final class StalledRequest implements AutoCloseable {

	private final Socket socket;

	private StalledRequest(Socket socket) {
		this.socket = socket;
	}

	/** A hold of {@code eventId}'s seats by {@code bearer}, its body cut short. */
	public static StalledRequest hold(int port, String bearer, Object eventId) {
		try {
			Socket socket = new Socket("127.0.0.1", port);
			String start = "{\"seatIds\":[";
			String head = "POST /api/events/" + eventId + "/holds HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
					+ bearer + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + start;
			socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return new StalledRequest(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends {@code bytes} more bytes of the body (spaces, which JSON allows), one every
	 * {@code every}, on a thread of its own, then nothing more: a body still arriving
	 * after its headers, far from finished.
	 */
	public StalledRequest trickle(java.time.Duration every, int bytes) {
		Thread sender = new Thread(() -> {
			try {
				for (int i = 0; i < bytes && !this.socket.isClosed(); i++) {
					Thread.sleep(every.toMillis());
					this.socket.getOutputStream().write(' ');
					this.socket.getOutputStream().flush();
				}
			}
			catch (IOException | InterruptedException closed) {
				// The service closed the connection, or the test did: done.
			}
		}, "trickle");
		sender.setDaemon(true);
		sender.start();
		return this;
	}

	/**
	 * What the service sent back before it closed the connection, read for at most
	 * {@code wait} ({@code null} if the connection was still open then).
	 */
	public String answer(java.time.Duration wait) {
		try {
			this.socket.setSoTimeout((int) wait.toMillis());
			return new String(this.socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
		catch (java.net.SocketTimeoutException stillOpen) {
			return null;
		}
		catch (IOException ex) {
			// Reset by the service: closed, nothing sent.
			return "";
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
