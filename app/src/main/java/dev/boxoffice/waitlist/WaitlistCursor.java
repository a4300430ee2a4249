package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.UUID;

import dev.boxoffice.platform.web.PageCursors;

/**
 * Where a page of an event's waitlist ends: the (tier rank, joined_at, id) of its last
 * entry, the order the line is walked in. Opaque to clients; a position rather than an
 * offset, so entries joining meanwhile never make a page repeat or skip one (an entry
 * moved to another tier while the list is paged moves with its tier).
 */
record WaitlistCursor(int tierRank, Instant joinedAt, UUID id) {

	static WaitlistCursor after(WaitlistEntry entry) {
		return new WaitlistCursor(entry.tier().rank(), entry.joinedAt(), entry.id());
	}

	String encode() {
		return PageCursors.encode(this.tierRank + "|" + this.joinedAt + "|" + this.id);
	}

	static WaitlistCursor decode(String cursor) {
		return PageCursors.decode(cursor, (position) -> {
			String[] parts = position.split("\\|", -1);
			if (parts.length != 3 || !parts[0].matches("[01]")) {
				throw new IllegalArgumentException("not three parts");
			}
			return new WaitlistCursor(Integer.parseInt(parts[0]), PageCursors.storable(Instant.parse(parts[1])),
					UUID.fromString(parts[2]));
		});
	}

}
