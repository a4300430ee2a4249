package dev.boxoffice.inventory;

/**
 * How many seats an event has in each state; {@code available + held + sold = capacity}.
 */
public record SeatCounts(long capacity, long available, long held, long sold) {

	static SeatCounts of(long capacity, long held, long sold) {
		return new SeatCounts(capacity, Math.max(0, capacity - held - sold), held, sold);
	}

}
