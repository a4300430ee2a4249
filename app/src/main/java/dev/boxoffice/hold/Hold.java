package dev.boxoffice.hold;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A hold: who holds which seats of which event, for how much, until when. */
public record Hold(String holdId, UUID eventId, @JsonIgnore UUID buyerId, List<HeldSeat> seats, long totalCents,
		String currency, Instant expiresAt) {

}
