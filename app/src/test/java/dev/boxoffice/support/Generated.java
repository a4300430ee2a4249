package dev.boxoffice.support;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Inputs made up at random for each run, so that every build tries new ones. One seed per
 * test JVM, printed once; {@code -Dboxoffice.test.seed=N} makes a run draw the same
 * inputs again. Assertions name the input that failed, so a failure reads without a
 * rerun.
 */
public final class Generated {

	private static final long SEED = Long.getLong("boxoffice.test.seed", System.nanoTime());

	private static final Random random = new Random(SEED);

	static {
		System.out.println("Generated inputs use seed " + SEED + " (-Dboxoffice.test.seed=" + SEED + " repeats them)");
	}

	private Generated() {
	}

	/** {@code count} inputs from {@code generator}. */
	public static <T> List<T> some(int count, Supplier<T> generator) {
		return Stream.generate(generator).limit(count).toList();
	}

	public static synchronized int between(int min, int max) {
		return (int) (min + Math.floorMod(random.nextLong(), (long) max - min + 1));
	}

	public static synchronized boolean chance(double probability) {
		return random.nextDouble() < probability;
	}

	public static <T> T oneOf(List<T> choices) {
		return choices.get(between(0, choices.size() - 1));
	}

	@SafeVarargs
	public static <T> T oneOf(T... choices) {
		return choices[between(0, choices.length - 1)];
	}

	/** {@code length} characters drawn from {@code alphabet}. */
	public static String text(String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(between(0, alphabet.length() - 1)));
		}
		return text.toString();
	}

	/**
	 * {@code path} with some of its letters written as percent-escapes ({@code %61} or
	 * {@code %6C} for {@code a}, {@code l}), at least one: the same path to a server that
	 * decodes, a different string to one that does not.
	 */
	public static String percentSpelling(String path) {
		StringBuilder spelled = new StringBuilder();
		boolean escaped = false;
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			boolean last = i == path.length() - 1 || path.substring(i + 1).chars().noneMatch(Character::isLetter);
			if (letter && (chance(0.3) || (!escaped && last))) {
				String hex = String.format("%02X", (int) c);
				spelled.append('%').append(chance(0.5) ? hex : hex.toLowerCase());
				escaped = true;
			}
			else {
				spelled.append(c);
			}
		}
		return spelled.toString();
	}

}
