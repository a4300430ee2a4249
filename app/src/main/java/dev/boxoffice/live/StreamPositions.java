package dev.boxoffice.live;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Positions in a Redis stream ({@code <ms>-<seq>}) as clients send them back in
 * {@code Last-Event-ID}. Both streams decide here whether one can be resumed from: a
 * position whose parts do not fit in 64 bits is refused by Redis (and could never have
 * been sent), so it is unusable like any other malformed id.
 */
final class StreamPositions {

	/** Each part at most 19 digits: what a (signed) 64-bit number can have. */
	private static final Pattern SHAPE = Pattern.compile("\\d{1,19}-\\d{1,19}");

	private StreamPositions() {
	}

	/** Whether {@code position} can be a position of a stream; false for null. */
	static boolean isUsable(@Nullable String position) {
		if (position == null || !SHAPE.matcher(position).matches()) {
			return false;
		}
		int dash = position.indexOf('-');
		try {
			Long.parseLong(position, 0, dash, 10);
			Long.parseLong(position, dash + 1, position.length(), 10);
			return true;
		}
		catch (NumberFormatException tooLarge) {
			return false;
		}
	}

}
