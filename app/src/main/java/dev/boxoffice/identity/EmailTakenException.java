package dev.boxoffice.identity;

import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpStatus;

/** Another account already uses this e-mail address (in any letter case). */
class EmailTakenException extends ApiException {

	EmailTakenException() {
		super(HttpStatus.CONFLICT, "email-taken", "E-mail address taken",
				"An account with this e-mail address already exists.");
		with("field", "email");
	}

}
