package dev.boxoffice.waitlist;

import java.util.UUID;

import dev.boxoffice.platform.error.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/** What can go wrong with a waitlist entry, as the caller is told. */
final class WaitlistExceptions {

	private WaitlistExceptions() {
	}

	static ApiException entryExists(UUID entryId) {
		return new ApiException(HttpStatus.CONFLICT, "waitlist-entry-exists", "Already in line",
				"You already have a live entry in this event's waitlist.")
			.with("entryId", entryId.toString());
	}

	static ApiException seatsAvailable(int quantity, @Nullable String section) {
		ApiException problem = new ApiException(HttpStatus.CONFLICT, "seats-available", "Seats are available",
				((quantity == 1) ? "A seat is" : quantity + " seats are") + " free right now"
						+ ((section != null) ? " in section " + section : "") + ": hold "
						+ ((quantity == 1) ? "it" : "them") + " instead.")
			.with("quantity", quantity);
		return (section != null) ? problem.with("section", section) : problem;
	}

	/**
	 * The event sells general-admission places only: the line is for seats (places freed
	 * go straight back to sale).
	 */
	static ApiException placesOnly() {
		return new ApiException(HttpStatus.CONFLICT, "waitlist-seats-only", "This event has no seats to wait for",
				"The event sells general-admission places only, and its waitlist is for seats: places that are "
						+ "given back are on sale again at once.");
	}

	static ApiException notInLine() {
		return new ApiException(HttpStatus.NOT_FOUND, "waitlist-entry-not-found", "Not in line",
				"You have no live entry in this event's waitlist.");
	}

	static ApiException entryNotFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "waitlist-entry-not-found", "Entry not found",
				"This event's waitlist has no such entry.");
	}

	static ApiException entryNotLive(WaitlistState state) {
		return new ApiException(HttpStatus.CONFLICT, "waitlist-entry-not-live", "Entry not in line",
				"The entry is " + state + "; only a WAITING or OFFERED entry can be changed.")
			.with("entryState", state.name());
	}

	/** Another organizer's event, as if it did not exist (its waitlist is not theirs). */
	static ApiException eventNotFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "event-not-found", "Event not found", "There is no such event.");
	}

	static ApiException offerNotFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "waitlist-offer-not-found", "Offer not found",
				"You have no such waitlist offer.");
	}

	static ApiException offerNotLive(WaitlistOffer.OfferState state) {
		return new ApiException(HttpStatus.CONFLICT, "waitlist-offer-not-live", "Offer ended",
				"The offer is " + state + "; only a LIVE offer can be declined.")
			.with("offerState", state.name());
	}

	static ApiException offerBeingBought() {
		return new ApiException(HttpStatus.CONFLICT, "waitlist-offer-being-bought", "Offer being bought",
				"A purchase of this offer is under way; it can no longer be declined.");
	}

	static ApiException keyReused() {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
				"This Idempotency-Key was used with another request.");
	}

}
