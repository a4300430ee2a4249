package dev.boxoffice.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;

import dev.boxoffice.platform.error.RequestProblems;

/**
 * The opaque form of every list's cursor: its position as text, in URL-safe base64. A
 * cursor that does not read back, whatever is wrong with it, is the same 400 naming
 * {@code cursor}, never a 500.
 */
public final class PageCursors {

	/**
	 * The latest time a cursor may hold; with {@link Instant#EPOCH} the range PostgreSQL
	 * stores and compares without failing the query.
	 */
	public static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

	private PageCursors() {
	}

	/** The cursor of a position written as text. */
	public static String encode(String position) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The position a cursor holds, read by {@code read}; any failure to decode or read it
	 * is the cursor's validation problem.
	 */
	public static <T> T decode(String cursor, Function<String, T> read) {
		try {
			return read.apply(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			throw RequestProblems.invalid("cursor", "is not a cursor this service gave out");
		}
	}

	/**
	 * {@code time}, if PostgreSQL can compare with it; otherwise the cursor is refused.
	 */
	public static Instant storable(Instant time) {
		if (time.isAfter(LATEST) || time.isBefore(Instant.EPOCH)) {
			throw new IllegalArgumentException("out of range");
		}
		return time;
	}

}
