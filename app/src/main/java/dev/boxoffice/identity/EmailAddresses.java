package dev.boxoffice.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * E-mail addresses as accounts know them. Every address is normalised the same way before
 * it is stored or looked up — NFKC (fullwidth and other compatibility forms become plain
 * letters), characters that show nothing removed (zero-width spaces, joiners, direction
 * marks, soft hyphens, Hangul fillers), trimmed (a non-breaking space is a space after
 * NFKC), lower-cased — so that an address written with invisible extras is the same
 * account. A new address is refused if it could pass for another one: letters of several
 * scripts in one part (a Cyrillic "а" among Latin letters), a part made only of Cyrillic
 * or Greek letters that look Latin beside a Latin part, or a Latin letter made to look
 * like another ("ı" for "i").
 */
final class EmailAddresses {

	/**
	 * Scripts that go together in one part (Japanese, Chinese, Korean with Latin); UTS
	 * #39.
	 */
	private static final List<Set<Character.UnicodeScript>> MIXES = List.of(
			EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
					Character.UnicodeScript.KATAKANA),
			EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.BOPOMOFO),
			EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HANGUL));

	/** Cyrillic and Greek lower-case letters that look like Latin ones. */
	private static final String LOOK_LATIN = "аеорсухіјѕԁԛԝһӏԍοαρνυικχεϲϳ";

	/**
	 * Latin letters drawn like other Latin letters: dotless i and j, script a and g,
	 * small capitals.
	 */
	private static final String IMITATIONS = "ıȷɑɡɩɪʟǀʀꜱ";

	private static final String NO_LOOK_ALIKES = "looks like another address (letters of several scripts, or "
			+ "letters that imitate others): write it in one script";

	private EmailAddresses() {
	}

	static String normalize(String email) {
		String compatible = Normalizer.normalize(email, Normalizer.Form.NFKC);
		StringBuilder visible = new StringBuilder(compatible.length());
		compatible.codePoints().filter((codePoint) -> !showsNothing(codePoint)).forEach(visible::appendCodePoint);
		return visible.toString().strip().toLowerCase(Locale.ROOT);
	}

	/** Why the normalised address may not be a new account's, or null if it may. */
	static @Nullable String problemWith(String normalized) {
		int at = normalized.lastIndexOf('@');
		if (at <= 0 || at == normalized.length() - 1 || normalized.indexOf('@') != at
				|| normalized.codePoints().anyMatch((c) -> Character.isWhitespace(c) || Character.isISOControl(c))) {
			return "must be a well-formed email address";
		}
		if (normalized.codePoints().anyMatch((c) -> IMITATIONS.indexOf(c) >= 0)) {
			return NO_LOOK_ALIKES;
		}
		boolean latin = false;
		boolean latinLookAlike = false;
		for (String part : parts(normalized, at)) {
			Set<Character.UnicodeScript> scripts = scriptsOf(part);
			if (scripts.size() > 1 && MIXES.stream().noneMatch((mix) -> mix.containsAll(scripts))) {
				return NO_LOOK_ALIKES;
			}
			latin |= scripts.contains(Character.UnicodeScript.LATIN);
			latinLookAlike |= !scripts.isEmpty() && !scripts.contains(Character.UnicodeScript.LATIN)
					&& part.codePoints().filter(Character::isLetter).allMatch((c) -> LOOK_LATIN.indexOf(c) >= 0);
		}
		return (latin && latinLookAlike) ? NO_LOOK_ALIKES : null;
	}

	/** The local part and each label of the domain. */
	private static List<String> parts(String normalized, int at) {
		List<String> parts = new ArrayList<>();
		parts.add(normalized.substring(0, at));
		parts.addAll(List.of(normalized.substring(at + 1).split("\\.")));
		return parts;
	}

	private static Set<Character.UnicodeScript> scriptsOf(String part) {
		Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
		part.codePoints().filter(Character::isLetter).forEach((c) -> {
			Character.UnicodeScript script = Character.UnicodeScript.of(c);
			if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED) {
				scripts.add(script);
			}
		});
		return scripts;
	}

	private static boolean showsNothing(int codePoint) {
		return Character.getType(codePoint) == Character.FORMAT || codePoint == 0x034F
				|| (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
				|| codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0;
	}

}
