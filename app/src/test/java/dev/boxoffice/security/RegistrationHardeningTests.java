package dev.boxoffice.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts a hostile client would like to make: with a password everyone tries first or
 * one that is only spaces, or with an address that passes for someone else's (invisible
 * characters, a non-breaking space, a Cyrillic letter that looks Latin). None is created.
 */
@IntegrationTest
@Tag("security")
class RegistrationHardeningTests {

	/** Latin letters and the Cyrillic or Greek letters drawn like them. */
	private static final Map<Character, List<String>> LOOK_ALIKES = Map.of('a', List.of("\u0430", "\u03b1"), 'e',
			List.of("\u0435"), 'o', List.of("\u043e", "\u03bf"), 'c', List.of("\u0441", "\u03f2"), 'p',
			List.of("\u0440", "\u03c1"), 'x', List.of("\u0445", "\u03c7"), 'i', List.of("\u0456", "\u0131"), 's',
			List.of("\u0455"));

	@Autowired
	WebTestClient client;

	@Test
	void commonPasswordsAreRefusedWhateverTheirCase() throws IOException {
		List<String> common = commonPasswords().stream().filter((password) -> password.length() >= 8).toList();
		for (String password : Generated.some(12, () -> spaced(randomCase(Generated.oneOf(common))))) {
			String email = Accounts.uniqueEmail("common");
			assertRefused(register(email, password), "password", password);
			assertThat(usersLike(email)).as(password).isZero();
		}
	}

	@Test
	void passwordsThatAreOnlySpacesAreRefused() {
		for (String password : Generated.some(6, () -> String.join("", Generated.some(Generated.between(8, 20),
				() -> Generated.oneOf(" ", "\t", "\u00A0", "\u2003", "\u3000", "\u200B", "\u200D"))))) {
			String email = Accounts.uniqueEmail("blank");
			assertRefused(register(email, password), "password", "a blank password");
			assertThat(usersLike(email)).isZero();
		}
	}

	@Test
	void anAddressWithInvisibleExtrasIsTheSameAccount() {
		String email = Accounts.uniqueEmail("ada");
		String id = new Accounts(this.client).register(email, "correct horse battery", "Ada").path("id").asString();
		for (String variant : Generated.some(8, () -> invisiblyDifferent(email))) {
			EntityExchangeResult<JsonNode> answer = register(variant, "another good passphrase", "Not Ada");
			assertThat(answer.getStatus().value()).as(printable(variant)).isEqualTo(409);
			assertThat(answer.getResponseBody().path("type").asString()).isEqualTo("urn:boxoffice:problem:email-taken");
		}
		String variant = invisiblyDifferent(email);
		assertThat(new Accounts(this.client).login(variant, "correct horse battery").userId()).as(printable(variant))
			.hasToString(id);
		assertThat(usersLike(email)).isEqualTo(1);
	}

	@Test
	void anAddressWithALetterOfAnotherScriptThatLooksLatinIsRefused() {
		String email = Accounts.uniqueEmail("paco");
		new Accounts(this.client).register(email, "correct horse battery", "Paco");
		for (String lookAlike : Generated.some(8, () -> withALookAlike(email))) {
			assertRefused(register(lookAlike, "another good passphrase", "Not Paco"), "email", printable(lookAlike));
		}
		assertThat(usersLike(email)).isEqualTo(1);
		String cyrillic = Accounts.uniqueEmail("паша").replace("boxoffice.test", "почта.рф");
		assertThat(register(cyrillic, "another good passphrase", "Pasha").getStatus().value())
			.as("an address all in one script")
			.isEqualTo(201);
	}

	private static void assertRefused(EntityExchangeResult<JsonNode> answer, String field, String what) {
		assertThat(answer.getStatus().value()).as(what).isEqualTo(400);
		JsonNode problem = answer.getResponseBody();
		assertThat(problem.path("type").asString()).as(what).isEqualTo("urn:boxoffice:problem:validation");
		assertThat(problem.path("errors").get(0).path("field").asString()).as(what).isEqualTo(field);
	}

	private EntityExchangeResult<JsonNode> register(String email, String password) {
		return register(email, password, "Someone");
	}

	private EntityExchangeResult<JsonNode> register(String email, String password, String name) {
		return this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "name", name))
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult();
	}

	/**
	 * Accounts whose address has the unique number of {@code email} (any letters around
	 * it).
	 */
	private static long usersLike(String email) {
		String number = email.replaceAll("^[^-]*-(\\d+-\\d+)@.*$", "$1");
		try {
			return (Long) Booking.scalar("SELECT count(*) FROM users WHERE email LIKE ?", "%" + number + "%");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The address with zero-width or non-breaking extras, other letter case, fullwidth
	 * letters.
	 */
	static String invisiblyDifferent(String email) {
		StringBuilder variant = new StringBuilder();
		for (char c : email.toCharArray()) {
			if (Generated.chance(0.1)) {
				variant.append(Generated.oneOf("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"));
			}
			boolean letter = c >= 'a' && c <= 'z';
			variant.append((letter && Generated.chance(0.1)) ? (char) (c - 'a' + '\uFF41')
					: (letter && Generated.chance(0.2)) ? Character.toUpperCase(c) : c);
		}
		return Generated.oneOf("", " ", "\u00A0", "\u200B") + variant + Generated.oneOf("", " ", "\u00A0", "\u3000");
	}

	/** The address with one letter replaced by a Cyrillic or Greek one drawn the same. */
	static String withALookAlike(String email) {
		List<Integer> replaceable = new ArrayList<>();
		for (int i = 0; i < email.length(); i++) {
			if (LOOK_ALIKES.containsKey(email.charAt(i))) {
				replaceable.add(i);
			}
		}
		int at = Generated.oneOf(replaceable);
		return email.substring(0, at) + Generated.oneOf(LOOK_ALIKES.get(email.charAt(at))) + email.substring(at + 1);
	}

	private static List<String> commonPasswords() throws IOException {
		try (InputStream list = RegistrationHardeningTests.class
			.getResourceAsStream("/identity/common-passwords.txt")) {
			return new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.startsWith("#") && !line.isBlank())
				.toList();
		}
	}

	private static String randomCase(String text) {
		StringBuilder cased = new StringBuilder();
		text.chars().forEach((c) -> cased.append(Generated.chance(0.3) ? Character.toUpperCase((char) c) : (char) c));
		return cased.toString();
	}

	private static String spaced(String text) {
		return Generated.oneOf("", " ", "  ") + text + Generated.oneOf("", " ", "\t");
	}

	private static String printable(String text) {
		StringBuilder shown = new StringBuilder();
		text.codePoints()
			.forEach((c) -> shown.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", c) : Character.toString(c)));
		return shown.toString();
	}

}
