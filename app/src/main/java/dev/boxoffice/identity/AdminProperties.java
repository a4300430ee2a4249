package dev.boxoffice.identity;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bootstrap administrator ({@code BOXOFFICE_ADMIN_EMAIL},
 * {@code BOXOFFICE_ADMIN_PASSWORD}): created at start-up if missing, given ADMIN if it
 * lacks it. An existing account keeps its password.
 *
 * @param email the administrator's e-mail address (set together with the password)
 * @param password the administrator's password when the account is created
 */
@Validated
@ConfigurationProperties("boxoffice.admin")
public record AdminProperties(@Nullable @Email String email, @Nullable @Size(min = 8, max = 128) String password) {

	@AssertTrue(message = "boxoffice.admin.email and boxoffice.admin.password must be set together")
	boolean isComplete() {
		return (this.email == null) == (this.password == null);
	}

}
