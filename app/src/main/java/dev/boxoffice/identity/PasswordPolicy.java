package dev.boxoffice.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password may not be, beyond its length: blank once spaces and invisible
 * characters are left out, or one of the 10,000 most commonly used passwords (the list
 * ships with the service; it is read once, at start-up).
 */
@Component
class PasswordPolicy {

	private static final String LIST = "identity/common-passwords.txt";

	private final Set<String> common;

	PasswordPolicy() {
		this.common = read(LIST);
	}

	/** Why {@code password} may not be chosen, or null if it may. */
	@Nullable String problemWith(String password) {
		String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
		if (normalized.codePoints().allMatch(PasswordPolicy::isBlank)) {
			return "must not be blank";
		}
		if (this.common.contains(normalized.strip().toLowerCase(Locale.ROOT))) {
			return "is one of the most commonly used passwords; choose another";
		}
		return null;
	}

	/** Spaces, and characters that show nothing (zero-width ones, direction marks). */
	private static boolean isBlank(int codePoint) {
		return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
				|| Character.getType(codePoint) == Character.FORMAT;
	}

	private static Set<String> read(String resource) {
		Set<String> passwords = new HashSet<>(16_384);
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			lines.lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.forEach((line) -> passwords.add(line.strip().toLowerCase(Locale.ROOT)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The list of common passwords is missing from the build", ex);
		}
		return Set.copyOf(passwords);
	}

}
