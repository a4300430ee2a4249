package dev.boxoffice.catalog;

import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpStatus;

/** What can go wrong with a venue or an event. */
final class CatalogExceptions {

	private CatalogExceptions() {
	}

	static ApiException venueNotFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "venue-not-found", "Venue not found", "There is no such venue.");
	}

	static ApiException notFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "event-not-found", "Event not found", "There is no such event.");
	}

	static ApiException wrongStatus(EventStatus actual, String action) {
		return new ApiException(HttpStatus.CONFLICT, "event-status", "Not possible in this status",
				"The event is " + actual + "; it cannot be " + action + ".")
			.with("eventStatus", actual.name());
	}

	static ApiException versionMismatch(long current) {
		return new ApiException(HttpStatus.PRECONDITION_FAILED, "event-version-mismatch", "The event has changed",
				"The event is at version " + current + ", not the one If-Match names; read it again and "
						+ "make your change to that version.")
			.with("currentVersion", current);
	}

}
