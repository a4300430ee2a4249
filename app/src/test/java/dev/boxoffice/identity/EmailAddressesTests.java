package dev.boxoffice.identity;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How addresses are normalised, and which new ones could pass for others. */
@Tag("unit")
class EmailAddressesTests {

	@Test
	void invisibleCharactersSpacesCaseAndCompatibilityFormsAreNormalisedAway() {
		for (String variant : new String[] { "ada@example.com", " Ada@Example.COM ", "a\u200Bda@example.com",
				"\u00A0ada@example.com\u00A0", "ad\u00ADa@exa\u200Dmple.com", "\uFF41da@example.com",
				"ada@example\u2060.com", "\u202Eada@example.com", "\u3000ada@example.com" }) {
			assertThat(EmailAddresses.normalize(variant)).as(variant).isEqualTo("ada@example.com");
		}
	}

	@Test
	void addressesInOneScriptAreAccepted() {
		for (String address : new String[] { "ada@example.com", "jose.garcia@correo.es", "josé@café.fr",
				"иван@почта.рф", "иван@gmail.com", "ada@пример.рф", "田中@例え.jp", "tanaka太郎@example.jp",
				"γιώργος@example.gr", "o'brien+tickets@example.ie" }) {
			assertThat(EmailAddresses.problemWith(EmailAddresses.normalize(address))).as(address).isNull();
		}
	}

	@Test
	void addressesThatCouldPassForLatinOnesAreRefused() {
		for (String address : new String[] { "\u0430da@example.com", "ada@ex\u0430mple.com", "ada@example.\u0441om",
				"\u0440\u0430\u0443\u0440\u0430l@example.com", "\u0440\u0430\u0443@example.com",
				"ada@\u0440\u0430\u0443.com", "adm\u0131n@example.com", "\u0251da@example.com",
				"\u03bfscar@example.com" }) {
			assertThat(EmailAddresses.problemWith(EmailAddresses.normalize(address))).as(address).isNotNull();
		}
	}

	@Test
	void whatIsNotAnAddressOnceNormalisedIsRefused() {
		for (String address : new String[] { "ada@", "@example.com", "a da@example.com", "ada@@example.com",
				"ada@exa@mple.com", "\u200B@example.com" }) {
			assertThat(EmailAddresses.problemWith(EmailAddresses.normalize(address))).as(address)
				.isEqualTo("must be a well-formed email address");
		}
	}

}
