package dev.boxoffice.waitlist;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.boxoffice.platform.error.RequestProblems;

/**
 * Where a page of an event's waitlist ends: the (tier rank, joined_at, id) of its last
 * entry, the order the line is walked in. Opaque to clients; a position rather than an
 * offset, so entries joining meanwhile never make a page repeat or skip one (an entry
 * moved to another tier while the list is paged moves with its tier).
 */
record WaitlistCursor(int tierRank, Instant joinedAt, UUID id) {

	/** Later than any entry joins; keeps times within what PostgreSQL stores. */
	private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

	static WaitlistCursor after(WaitlistEntry entry) {
		return new WaitlistCursor(entry.tier().rank(), entry.joinedAt(), entry.id());
	}

	String encode() {
		String raw = this.tierRank + "|" + this.joinedAt + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static WaitlistCursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
			if (parts.length != 3 || !parts[0].matches("[01]")) {
				throw new IllegalArgumentException("not three parts");
			}
			Instant joinedAt = Instant.parse(parts[1]);
			if (joinedAt.isAfter(LATEST) || joinedAt.isBefore(Instant.EPOCH)) {
				// Compared with joined_at, a time PostgreSQL cannot hold fails the
				// query: a 500, not a 400.
				throw new IllegalArgumentException("out of range");
			}
			return new WaitlistCursor(Integer.parseInt(parts[0]), joinedAt, UUID.fromString(parts[2]));
		}
		catch (RuntimeException ex) {
			throw RequestProblems.invalid("cursor", "is not a cursor this service gave out");
		}
	}

}
