package dev.boxoffice.hold;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.boxoffice.inventory.HoldRef;
import dev.boxoffice.inventory.Units;

/**
 * A hold: who holds which seats and places of which event, for how much, until when.
 * {@code items} are its tickets by type and price (tier): the seats by their type, and
 * the places. The buyer's address (which the hold counts under), how long the event's
 * seat state is kept in Redis, and what the hold takes from counted allotments are not
 * shown.
 */
public record Hold(String holdId, UUID eventId, @JsonIgnore UUID buyerId, List<HeldSeat> seats, List<HeldItem> items,
		long totalCents, String currency, Instant expiresAt, @JsonIgnore String clientAddress,
		@JsonIgnore Instant retainUntil, @JsonIgnore Units units) {

	/** The ids of its seats. */
	@JsonIgnore
	public List<String> seatIds() {
		return this.seats.stream().map(HeldSeat::id).toList();
	}

	/** Whether the hold is a waitlist offer's (made by {@link Holds#holdKept}). */
	@JsonIgnore
	public boolean offered() {
		return Holds.OFFER_ADDRESS.equals(this.clientAddress);
	}

	/** What the seat state in Redis knows this hold by. */
	HoldRef ref() {
		return new HoldRef(this.eventId, this.holdId, this.buyerId, this.clientAddress, seatIds(), this.units);
	}

}
