package dev.boxoffice.catalog;

import dev.boxoffice.platform.error.RequestProblems;
import org.jspecify.annotations.Nullable;

/**
 * An event's version as an entity tag: {@code ETag: "3"} on the event, and the
 * {@code If-Match} a change names it with. A strong tag of the version, or the bare
 * number; {@code *} (any version) is as if there were no {@code If-Match}.
 */
final class EventVersionTags {

	private EventVersionTags() {
	}

	static String etag(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * The version {@code If-Match} names; null when it names none (absent, {@code *}).
	 */
	static @Nullable Long expected(@Nullable String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return null;
		}
		String tag = ifMatch.strip();
		String digits = (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\""))
				? tag.substring(1, tag.length() - 1) : tag;
		if (!digits.matches("[0-9]{1,18}")) {
			throw RequestProblems.invalid("If-Match", "must be the event's ETag, such as \"3\"");
		}
		return Long.parseLong(digits);
	}

}
