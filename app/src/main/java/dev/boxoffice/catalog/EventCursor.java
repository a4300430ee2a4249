package dev.boxoffice.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.boxoffice.platform.error.RequestProblems;

/**
 * Where a page of search results ends: the (starts_at, id) of its last event, the order
 * search walks in. Opaque to clients. Because it names a position rather than an offset,
 * events inserted meanwhile never make a page repeat or skip one.
 */
record EventCursor(Instant startsAt, UUID id) {

	String encode() {
		String raw = this.startsAt.getEpochSecond() + "." + this.startsAt.getNano() + "." + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static EventCursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.", 3);
			Instant startsAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
			if (startsAt.isAfter(EventQuery.LATEST) || startsAt.isBefore(Instant.EPOCH)) {
				throw new IllegalArgumentException("out of range");
			}
			return new EventCursor(startsAt, UUID.fromString(parts[2]));
		}
		catch (RuntimeException ex) {
			throw RequestProblems.invalid("cursor", "is not a cursor this service gave out");
		}
	}

}
