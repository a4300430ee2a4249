package dev.boxoffice.hold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.boxoffice.inventory.SeatRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which free seats of a section a best-available hold tries. The free seats come in
 * layout order (front row first), as the inventory reads them.
 */
@Tag("unit")
class BestAvailableTests {

	@Test
	void seatsNextToEachOtherArePickedFirst() {
		List<SeatRecord> free = seats(row("A", 1, 3, 5), row("B", 1, 2, 3));
		assertThat(ids(BestAvailable.pick(free, 2))).containsExactly("A-B-1", "A-B-2");
	}

	@Test
	void aRunNearerTheFrontWinsOverOneFurtherBack() {
		List<SeatRecord> free = seats(row("A", 7, 8), row("B", 1, 2, 3, 4));
		assertThat(ids(BestAvailable.pick(free, 2))).containsExactly("A-A-7", "A-A-8");
	}

	@Test
	void betweenRunsInOneRowTheFirstInLayoutOrderWins() {
		List<SeatRecord> free = seats(row("A", 1, 2, 5, 6, 7));
		assertThat(ids(BestAvailable.pick(free, 2))).containsExactly("A-A-1", "A-A-2");
	}

	@Test
	void aLongerRunGivesItsFirstSeats() {
		List<SeatRecord> free = seats(row("A", 3, 4, 5, 6, 7));
		assertThat(ids(BestAvailable.pick(free, 3))).containsExactly("A-A-3", "A-A-4", "A-A-5");
	}

	@Test
	void aGapInTheNumbersBreaksARun() {
		List<SeatRecord> free = seats(row("A", 1, 2, 4, 5, 6));
		assertThat(ids(BestAvailable.pick(free, 3))).containsExactly("A-A-4", "A-A-5", "A-A-6");
	}

	@Test
	void aRunNeverSpansTwoRowsEvenWhenTheNumbersContinue() {
		List<SeatRecord> free = seats(row("A", 9, 10), row("B", 11, 12, 13));
		assertThat(ids(BestAvailable.pick(free, 3))).containsExactly("A-B-11", "A-B-12", "A-B-13");
	}

	@Test
	void withoutARunLongEnoughTheFirstFreeSeatsAreTaken() {
		List<SeatRecord> free = seats(row("A", 1, 3), row("B", 2, 4), row("C", 1));
		assertThat(ids(BestAvailable.pick(free, 3))).containsExactly("A-A-1", "A-A-3", "A-B-2");
	}

	@Test
	void exactlyAsManyFreeSeatsAsAskedAreAllTakenWhereverTheyAre() {
		List<SeatRecord> free = seats(row("A", 4), row("F", 9), row("K", 2));
		assertThat(ids(BestAvailable.pick(free, 3))).containsExactly("A-A-4", "A-F-9", "A-K-2");
	}

	@Test
	void oneSeatIsTheFirstFreeOne() {
		List<SeatRecord> free = seats(row("C", 8, 9), row("D", 1));
		assertThat(ids(BestAvailable.pick(free, 1))).containsExactly("A-C-8");
	}

	@Test
	void fewerFreeSeatsThanAskedPickNothing() {
		assertThat(BestAvailable.pick(seats(row("A", 1, 2)), 3)).isEmpty();
		assertThat(BestAvailable.pick(List.of(), 1)).isEmpty();
	}

	@Test
	void thePickedSeatsAreTheFreeOnesAsReadWithTheirVersions() {
		// The hold is taken at the versions read: a seat changed since then must not be
		// held.
		SeatRecord first = new SeatRecord("A-A-1", "A", "A", 1, 4500, false, 7);
		SeatRecord second = new SeatRecord("A-A-2", "A", "A", 2, 4500, false, 3);
		assertThat(BestAvailable.pick(List.of(first, second), 2)).containsExactly(first, second);
	}

	private static List<SeatRecord> row(String label, int... numbers) {
		List<SeatRecord> row = new ArrayList<>();
		for (int number : numbers) {
			row.add(new SeatRecord("A-" + label + "-" + number, "A", label, number, 5000, false, 0));
		}
		return row;
	}

	@SafeVarargs
	private static List<SeatRecord> seats(List<SeatRecord>... rows) {
		return Arrays.stream(rows).flatMap(List::stream).toList();
	}

	private static List<String> ids(List<SeatRecord> seats) {
		return seats.stream().map(SeatRecord::id).toList();
	}

}
