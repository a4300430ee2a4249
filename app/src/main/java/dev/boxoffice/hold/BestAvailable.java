package dev.boxoffice.hold;

import java.util.ArrayList;
import java.util.List;

import dev.boxoffice.inventory.SeatRecord;

/**
 * Picks {@code quantity} free seats: the first run of adjacent seats in one row, rows in
 * layout order (front first); failing that, the first free seats.
 */
final class BestAvailable {

	private BestAvailable() {
	}

	/** The seats to try, or an empty list if there are not enough. */
	static List<SeatRecord> pick(List<SeatRecord> free, int quantity) {
		if (free.size() < quantity) {
			return List.of();
		}
		List<SeatRecord> run = new ArrayList<>();
		for (SeatRecord seat : free) {
			SeatRecord last = run.isEmpty() ? null : run.get(run.size() - 1);
			boolean adjacent = last != null && last.row().equals(seat.row()) && last.number() + 1 == seat.number();
			if (!adjacent) {
				run.clear();
			}
			run.add(seat);
			if (run.size() == quantity) {
				return List.copyOf(run);
			}
		}
		return List.copyOf(free.subList(0, quantity));
	}

}
