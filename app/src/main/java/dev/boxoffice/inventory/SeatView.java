package dev.boxoffice.inventory;

/** One seat of an event as the API shows it. */
public record SeatView(String id, String section, String row, int number, int priceCents, boolean accessible,
		SeatStatus status) {

}
