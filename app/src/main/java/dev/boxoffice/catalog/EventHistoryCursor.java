package dev.boxoffice.catalog;

import dev.boxoffice.platform.web.PageCursors;

/**
 * Where a page of an event's history ends: the version of its last (oldest) entry. The
 * history is read newest first by version, one entry per version, so changes made while a
 * client pages never make a page repeat or skip one. Opaque to clients.
 */
record EventHistoryCursor(long version) {

	private static final String PREFIX = "v";

	String encode() {
		return PageCursors.encode(PREFIX + this.version);
	}

	static EventHistoryCursor decode(String cursor) {
		return PageCursors.decode(cursor, (position) -> {
			if (!position.startsWith(PREFIX) || !position.substring(PREFIX.length()).matches("[0-9]{1,18}")) {
				throw new IllegalArgumentException("not a version");
			}
			return new EventHistoryCursor(Long.parseLong(position.substring(PREFIX.length())));
		});
	}

}
