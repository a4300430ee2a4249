package dev.boxoffice.identity;

import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpStatus;

/** What can go wrong with accounts and sessions, as the caller is told. */
final class IdentityExceptions {

	private IdentityExceptions() {
	}

	/** Another account already uses this e-mail address (in any letter case). */
	static ApiException emailTaken() {
		return new ApiException(HttpStatus.CONFLICT, "email-taken", "E-mail address taken",
				"An account with this e-mail address already exists.")
			.with("field", "email");
	}

	/** The same answer whether the e-mail address or the password is wrong. */
	static ApiException invalidCredentials() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
				"The e-mail address or the password is wrong.");
	}

	/**
	 * The refresh token is unknown, expired, used or revoked: the client must log in
	 * again.
	 */
	static ApiException invalidRefreshToken() {
		return new ApiException(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Invalid refresh token",
				"The refresh token is not valid; log in again.");
	}

	static ApiException userNotFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "user-not-found", "User not found", "There is no such account.");
	}

}
