package dev.boxoffice.catalog;

import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpStatus;

class VenueNotFoundException extends ApiException {

	VenueNotFoundException() {
		super(HttpStatus.NOT_FOUND, "venue-not-found", "Venue not found", "There is no such venue.");
	}

}
