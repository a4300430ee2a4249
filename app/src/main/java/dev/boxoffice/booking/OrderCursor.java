package dev.boxoffice.booking;

import java.time.Instant;
import java.util.UUID;

import dev.boxoffice.platform.web.PageCursors;

/**
 * Where a page of a buyer's orders ends: the (created_at, id) of its last order, the
 * order the list walks in (newest first). Opaque to clients; a position rather than an
 * offset, so orders placed meanwhile never make a page repeat or skip one.
 */
record OrderCursor(Instant createdAt, UUID id) {

	String encode() {
		return PageCursors.encode(this.createdAt + "|" + this.id);
	}

	static OrderCursor decode(String cursor) {
		return PageCursors.decode(cursor, (position) -> {
			String[] parts = position.split("\\|");
			return new OrderCursor(PageCursors.storable(Instant.parse(parts[0])), UUID.fromString(parts[1]));
		});
	}

}
