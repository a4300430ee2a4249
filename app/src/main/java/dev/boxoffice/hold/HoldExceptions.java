package dev.boxoffice.hold;

import java.util.List;

import dev.boxoffice.inventory.SeatScripts;
import dev.boxoffice.platform.error.ApiException;

import org.springframework.http.HttpStatus;

/** What can go wrong with a hold. */
public final class HoldExceptions {

	private HoldExceptions() {
	}

	public static ApiException unavailable(List<String> seats) {
		return new ApiException(HttpStatus.CONFLICT, "seats-unavailable", "Seats are not available",
				seats.isEmpty() ? "Not enough seats are free." : seats.size() + " of the requested seats are taken.")
			.with("unavailableSeats", seats);
	}

	/** Too few places of a general-admission type are left. */
	static ApiException placesUnavailable(String ticketType) {
		return new ApiException(HttpStatus.CONFLICT, "places-unavailable", "Places are not available",
				"Not enough places of " + ticketType + " are left.")
			.with("ticketType", ticketType);
	}

	static ApiException limitReached(SeatScripts.Bound bound) {
		String who = "buyer".equals(bound.scope()) ? "This account" : "This client address";
		return new ApiException(HttpStatus.CONFLICT, "hold-limit", "Too many seats held",
				who + " already holds " + bound.held() + " seats of this event, and may hold at most " + bound.limit()
						+ " at once: buy or release a hold first.")
			.with("scope", bound.scope())
			.with("held", bound.held())
			.with("limit", bound.limit());
	}

	public static ApiException beingBought() {
		return new ApiException(HttpStatus.CONFLICT, "hold-being-bought", "Hold is being bought",
				"A purchase of this hold is under way; it cannot be released now.");
	}

	public static ApiException notFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "hold-not-found", "Hold not found",
				"There is no such hold; it may have expired.");
	}

}
