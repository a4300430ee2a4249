package dev.boxoffice.identity;

import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpStatus;

class UserNotFoundException extends ApiException {

	UserNotFoundException() {
		super(HttpStatus.NOT_FOUND, "user-not-found", "User not found", "There is no such account.");
	}

}
