package dev.boxoffice.identity;

import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpStatus;

/** The refresh token is unknown, expired, used or revoked: the client must log in again. */
class InvalidRefreshTokenException extends ApiException {

	InvalidRefreshTokenException() {
		super(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Invalid refresh token",
				"The refresh token is not valid; log in again.");
	}

}
