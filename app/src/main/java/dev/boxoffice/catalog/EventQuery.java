package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.UUID;

import dev.boxoffice.platform.error.ApiException;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.web.PageCursors;
import org.jspecify.annotations.Nullable;

/**
 * A search: free text over title and description (every word, as a prefix), category,
 * city, a window on the start time, a status (ON_SALE unless asked otherwise), and the
 * page to return.
 *
 * @param organizerId only this organizer's events (set for statuses other than ON_SALE
 * unless the caller is an admin)
 */
record EventQuery(@Nullable String text, @Nullable String category, @Nullable String city, @Nullable Instant from,
		@Nullable Instant to, EventStatus status, @Nullable UUID organizerId, @Nullable EventCursor after, int limit) {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	/**
	 * Longest search text: a few words are a search, a page of them only work for the
	 * database.
	 */
	static final int MAX_TEXT = 200;

	/** Longest category or city: no event has a longer one. */
	static final int MAX_NAME = 100;

	/** Later than any event; keeps times within what PostgreSQL stores. */
	static final Instant LATEST = PageCursors.LATEST;

	/**
	 * A 400 naming the first of the text, the category and the city that is too long to
	 * match anything; null if none is.
	 */
	static @Nullable ApiException tooLong(@Nullable String text, @Nullable String category, @Nullable String city) {
		if (text != null && text.length() > MAX_TEXT) {
			return RequestProblems.invalid("q", "must be at most " + MAX_TEXT + " characters");
		}
		if (category != null && category.length() > MAX_NAME) {
			return RequestProblems.invalid("category", "must be at most " + MAX_NAME + " characters");
		}
		if (city != null && city.length() > MAX_NAME) {
			return RequestProblems.invalid("city", "must be at most " + MAX_NAME + " characters");
		}
		return null;
	}

	/**
	 * The text as a prefix query for {@code to_tsquery('simple', …)}: letters and digits
	 * only, so nothing a user types can break the query; null when no word is left.
	 */
	@Nullable String prefixQuery() {
		if (this.text == null) {
			return null;
		}
		String[] words = this.text.toLowerCase().split("[^\\p{L}\\p{N}]+");
		StringBuilder query = new StringBuilder();
		for (String word : words) {
			if (!word.isEmpty()) {
				query.append(query.isEmpty() ? "" : " & ").append(word).append(":*");
			}
		}
		return query.isEmpty() ? null : query.toString();
	}

}
