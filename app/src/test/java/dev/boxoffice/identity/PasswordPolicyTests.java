package dev.boxoffice.identity;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which passwords a new account may not have. */
@Tag("unit")
class PasswordPolicyTests {

	final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void commonPasswordsAreRefusedWhateverTheirCaseAndSurroundingSpaces() {
		for (String password : new String[] { "password", "12345678", "PassWord", "  qwertyuiop ", "iloveyou",
				"\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44", "trustno1", "baseball" }) {
			assertThat(this.policy.problemWith(password)).as(password)
				.isEqualTo("is one of the most commonly used passwords; choose another");
		}
	}

	@Test
	void passwordsThatAreBlankOnceTrimmedAreRefused() {
		for (String password : new String[] { "        ", "\t\t\t\t\t\t\t\t", "\u00A0".repeat(8), "\u200B".repeat(8),
				" \u3000 \u2003 \u200D \u00A0 " }) {
			assertThat(this.policy.problemWith(password)).as("blank of %d", password.length())
				.isEqualTo("must not be blank");
		}
	}

	@Test
	void otherPasswordsAreAccepted() {
		for (String password : new String[] { "correct horse battery", "password-1", "admin-password-for-tests",
				"Tr0ub4dor&3 but longer", "mot de passe très long" }) {
			assertThat(this.policy.problemWith(password)).as(password).isNull();
		}
	}

}
