package dev.boxoffice.inventory;

/**
 * How many seats (or places) an event, a ticket type or a pool has in each state;
 * {@code available + held + sold = capacity}, except for a general-admission type, whose
 * {@code available} is also bounded by its smallest pool's.
 */
public record SeatCounts(long capacity, long available, long held, long sold) {

	public static SeatCounts of(long capacity, long held, long sold) {
		return new SeatCounts(capacity, Math.max(0, capacity - held - sold), held, sold);
	}

	/** These counts with at most {@code most} available. */
	public SeatCounts availableAtMost(long most) {
		return new SeatCounts(this.capacity, Math.min(this.available, Math.max(0, most)), this.held, this.sold);
	}

	/** These counts and {@code other}'s, added. */
	public SeatCounts plus(SeatCounts other) {
		return new SeatCounts(this.capacity + other.capacity, this.available + other.available, this.held + other.held,
				this.sold + other.sold);
	}

}
