package dev.boxoffice.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.boxoffice.platform.error.RequestProblems;

/**
 * Where a page of an event's history ends: the version of its last (oldest) entry. The
 * history is read newest first by version, one entry per version, so changes made while a
 * client pages never make a page repeat or skip one. Opaque to clients.
 */
record EventHistoryCursor(long version) {

	private static final String PREFIX = "v";

	String encode() {
		String raw = PREFIX + this.version;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static EventHistoryCursor decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (!raw.startsWith(PREFIX) || !raw.substring(PREFIX.length()).matches("[0-9]{1,18}")) {
				throw new IllegalArgumentException("not a version");
			}
			return new EventHistoryCursor(Long.parseLong(raw.substring(PREFIX.length())));
		}
		catch (RuntimeException ex) {
			throw RequestProblems.invalid("cursor", "is not a cursor this service gave out");
		}
	}

}
