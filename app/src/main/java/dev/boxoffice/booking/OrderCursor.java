package dev.boxoffice.booking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.boxoffice.platform.error.RequestProblems;

/**
 * Where a page of a buyer's orders ends: the (created_at, id) of its last order, the
 * order the list walks in (newest first). Opaque to clients; a position rather than an
 * offset, so orders placed meanwhile never make a page repeat or skip one.
 */
record OrderCursor(Instant createdAt, UUID id) {

	/**
	 * Later than any order; keeps times within what PostgreSQL stores, as event search
	 * does.
	 */
	private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

	String encode() {
		String raw = this.createdAt + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static OrderCursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
			Instant createdAt = Instant.parse(parts[0]);
			if (createdAt.isAfter(LATEST) || createdAt.isBefore(Instant.EPOCH)) {
				// Compared with created_at, a time PostgreSQL cannot hold fails the
				// query: a 500, not a 400.
				throw new IllegalArgumentException("out of range");
			}
			return new OrderCursor(createdAt, UUID.fromString(parts[1]));
		}
		catch (RuntimeException ex) {
			throw RequestProblems.invalid("cursor", "is not a cursor this service gave out");
		}
	}

}
