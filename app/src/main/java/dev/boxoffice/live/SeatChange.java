package dev.boxoffice.live;

/** A {@code seat} event: the seat's new status, and its position in the feed. */
record SeatChange(String seatId, String status, String seq) {

}
