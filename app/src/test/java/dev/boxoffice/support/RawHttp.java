package dev.boxoffice.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand on a socket, byte for byte: clients normalise paths and refuse
 * bad header values, and some tests must send exactly what a hostile client would.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** A response: status, headers (names lower-cased) and body. */
	public record Response(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/**
	 * Sends {@code GET target} with {@code extraHeaders} (raw lines, CRLF added) and
	 * reads the answer.
	 */
	public static Response get(int port, String target, String... extraHeaders) {
		StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
		for (String header : extraHeaders) {
			request.append(header).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		return send(port, request.toString().getBytes(StandardCharsets.ISO_8859_1));
	}

	public static Response send(int port, byte[] request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(20_000);
			socket.getOutputStream().write(request);
			socket.getOutputStream().flush();
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		// Byte for char, so that chunk sizes (in bytes) can be followed; decoded as UTF-8
		// after.
		return bytes.toString(StandardCharsets.ISO_8859_1);
	}

	private static Response parse(String raw) {
		int end = raw.indexOf("\r\n\r\n");
		String head = (end < 0) ? raw : raw.substring(0, end);
		String body = (end < 0) ? "" : raw.substring(end + 4);
		String[] lines = head.split("\r\n");
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = unchunk(body);
		}
		return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
				new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
	}

	private static String unchunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				break;
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
		return body.toString();
	}

}
