package dev.boxoffice.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One Server-Sent Events response read off its bytes: the HTTP/1.1 head, then the body
 * (chunked or not) cut into lines, and the lines into events ({@code event:} and
 * {@code data:} fields, dispatched at the blank line that ends them; {@code id:} and
 * {@code retry:} are skipped). Touched by one thread only; no allocation per byte, so
 * that thousands of streams cost the load generator little.
 */
final class SseParser {

	/** What the parser found. */
	interface Sink {

		/**
		 * The head answered 200 and the first line of the body arrived (often a comment).
		 */
		void opened();

		/** An event with its name ("message" if it had none) and its data lines. */
		void event(String name, String data);

		/** The response was not 200, or its body ended. */
		void ended();

	}

	private final Sink sink;

	private byte[] line = new byte[512];

	private int length;

	private boolean inHead = true;

	private boolean refused;

	private boolean opened;

	private boolean chunked;

	/** Chunked body: bytes left in this chunk; -1 while reading a chunk's size line. */
	private long chunkLeft = -1;

	private long chunkSize;

	private boolean afterChunk;

	private String name = "";

	private final StringBuilder data = new StringBuilder();

	SseParser(Sink sink) {
		this.sink = sink;
	}

	void take(byte[] bytes, int count) {
		int i = 0;
		while (i < count && !this.refused) {
			if (this.inHead || !this.chunked) {
				line(bytes[i++]);
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
						end();
						return;
					}
				}
				else if (Character.digit(b, 16) >= 0) {
					this.chunkSize = this.chunkSize * 16 + Character.digit(b, 16);
				}
			}
			else {
				int n = (int) Math.min(this.chunkLeft, count - i);
				for (int stop = i + n; i < stop; i++) {
					line(bytes[i]);
				}
				this.chunkLeft -= n;
				if (this.chunkLeft == 0) {
					this.chunkLeft = -1;
					this.afterChunk = true;
				}
			}
		}
	}

	/** The connection closed. */
	void closed() {
		end();
	}

	private void end() {
		if (!this.refused) {
			this.refused = true;
			this.sink.ended();
		}
	}

	private void line(byte b) {
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
			field(end);
		}
	}

	private void head(int end) {
		if (end == 0) {
			this.inHead = false;
			return;
		}
		String text = new String(this.line, 0, end, StandardCharsets.US_ASCII);
		if (text.startsWith("HTTP/") && !text.contains(" 200")) {
			end();
		}
		else if (text.regionMatches(true, 0, "transfer-encoding:", 0, 18)
				&& text.regionMatches(true, text.length() - 7, "chunked", 0, 7)) {
			this.chunked = true;
		}
	}

	private void field(int end) {
		if (!this.opened) {
			this.opened = true;
			this.sink.opened();
		}
		if (end == 0) {
			if (!this.data.isEmpty()) {
				this.sink.event(this.name.isEmpty() ? "message" : this.name, this.data.toString());
			}
			this.name = "";
			this.data.setLength(0);
		}
		else if (startsWith("event:", end)) {
			this.name = text(6, end).trim();
		}
		else if (startsWith("data:", end)) {
			if (!this.data.isEmpty()) {
				this.data.append('\n');
			}
			int from = (end > 5 && this.line[5] == ' ') ? 6 : 5;
			this.data.append(text(from, end));
		}
	}

	private String text(int from, int end) {
		return new String(this.line, from, end - from, StandardCharsets.UTF_8);
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

}
