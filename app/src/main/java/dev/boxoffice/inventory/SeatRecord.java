package dev.boxoffice.inventory;

/**
 * A seat of an event as stored: SOLD or AVAILABLE, with the version every change bumps.
 */
public record SeatRecord(String id, String section, String row, int number, int priceCents, boolean sold,
		long version) {

}
