package dev.boxoffice.identity;

import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpStatus;

/** Wrong e-mail or password; which of the two is not said. */
class InvalidCredentialsException extends ApiException {

	InvalidCredentialsException() {
		super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
				"The e-mail address or the password is wrong.");
	}

}
