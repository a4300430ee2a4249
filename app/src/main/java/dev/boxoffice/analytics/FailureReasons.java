package dev.boxoffice.analytics;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The kinds of failed orders, from the reasons the saga recorded: a few stable names an
 * organizer can count, instead of each message.
 */
final class FailureReasons {

	private FailureReasons() {
	}

	static String kind(@Nullable String reason) {
		String text = (reason != null) ? reason.toLowerCase(Locale.ROOT) : "";
		if (text.startsWith("payment declined")) {
			return "payment-declined";
		}
		if (text.startsWith("payment provider unavailable")) {
			return "payment-unavailable";
		}
		if (text.startsWith("payment capture failed")) {
			return "capture-failed";
		}
		if (text.contains("ticket")) {
			return "ticket-limit";
		}
		if (text.contains("seat")) {
			return "seats-lost";
		}
		if (text.contains("interrupted") || text.contains("could not reach")) {
			return "interrupted";
		}
		return "other";
	}

}
