package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.UUID;

import dev.boxoffice.platform.web.PageCursors;

/**
 * Where a page of search results ends: the (starts_at, id) of its last event, the order
 * search walks in. Opaque to clients. Because it names a position rather than an offset,
 * events inserted meanwhile never make a page repeat or skip one.
 */
record EventCursor(Instant startsAt, UUID id) {

	String encode() {
		return PageCursors.encode(this.startsAt.getEpochSecond() + "." + this.startsAt.getNano() + "." + this.id);
	}

	static EventCursor decode(String cursor) {
		return PageCursors.decode(cursor, (position) -> {
			String[] parts = position.split("\\.", 3);
			Instant startsAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
			return new EventCursor(PageCursors.storable(startsAt), UUID.fromString(parts[2]));
		});
	}

}
