package dev.boxoffice.inventory;

/** What a buyer sees of a seat. */
public enum SeatStatus {

	AVAILABLE, HELD, SOLD

}
