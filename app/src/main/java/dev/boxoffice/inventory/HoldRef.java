package dev.boxoffice.inventory;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the seat state in Redis knows a hold by: its event and id, the buyer and client
 * address it counts under, its seats and the places it takes from counted allotments.
 * {@code clientAddress} is null when it is not known any more (the hold's record is
 * gone).
 */
public record HoldRef(UUID eventId, String holdId, UUID buyerId, @Nullable String clientAddress, List<String> seatIds,
		Units units) {

}
