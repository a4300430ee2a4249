package dev.boxoffice.live;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Server-Sent Events written as text, once, to be sent as they are to many watchers. */
final class SseText {

	static final String HEARTBEAT = ":heartbeat\n\n";

	private SseText() {
	}

	/** One event; {@code data} must be a single line (JSON is). */
	static String event(@Nullable String id, String name, @Nullable Duration retry, String data) {
		StringBuilder text = new StringBuilder(data.length() + 64);
		if (id != null) {
			text.append("id:").append(id).append('\n');
		}
		text.append("event:").append(name).append('\n');
		if (retry != null) {
			text.append("retry:").append(retry.toMillis()).append('\n');
		}
		return text.append("data:").append(data).append("\n\n").toString();
	}

}
