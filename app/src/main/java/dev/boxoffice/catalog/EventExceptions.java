package dev.boxoffice.catalog;

import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpStatus;

/** What can go wrong with an event. */
final class EventExceptions {

	private EventExceptions() {
	}

	static ApiException notFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "event-not-found", "Event not found", "There is no such event.");
	}

	static ApiException wrongStatus(EventStatus actual, String action) {
		return new ApiException(HttpStatus.CONFLICT, "event-status", "Not possible in this status",
				"The event is " + actual + "; it cannot be " + action + ".")
			.with("status", actual.name());
	}

}
