package dev.boxoffice.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.boxoffice.platform.error.ApiException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A venue's layout: the seats it makes, and what it refuses (each offending field named).
 */
@Tag("unit")
class VenueLayoutTests {

	@Test
	void aRowOfSeatsIsNumberedFromOne() {
		VenueLayout layout = VenueLayout.of(venue(section("A", seats("1", 3))));
		assertThat(layout.seatIds).containsExactly("A-1-1", "A-1-2", "A-1-3");
		assertThat(layout.numbers).containsExactly(1, 2, 3);
	}

	@Test
	void explicitNumbersAreKeptInTheOrderGiven() {
		// Layout order is seat order for best-available holds: a row numbered from the
		// far end stays so.
		VenueLayout layout = VenueLayout.of(venue(section("B", numbered("K", 105, 103, 101))));
		assertThat(layout.seatIds).containsExactly("B-K-105", "B-K-103", "B-K-101");
	}

	@Test
	void seatsComeSectionBySectionRowByRowWithTheirColumnsAligned() {
		VenueLayout layout = VenueLayout
			.of(venue(section("STALLS", seats("A", 2), numbered("B", 7)), section("CIRCLE", seats("A", 1))));
		assertThat(layout.seatIds).containsExactly("STALLS-A-1", "STALLS-A-2", "STALLS-B-7", "CIRCLE-A-1");
		assertThat(layout.sections).containsExactly("STALLS", "STALLS", "STALLS", "CIRCLE");
		assertThat(layout.rows).containsExactly("A", "A", "B", "A");
		assertThat(layout.numbers).containsExactly(1, 2, 7, 1);
		assertThat(layout.accessible).containsExactly(false, false, false, false);
		assertThat(layout.capacity()).isEqualTo(4);
	}

	@Test
	void accessibleSeatsAreMarkedAndNoOthers() {
		VenueLayout layout = VenueLayout.of(venue(
				section("A", row("1", 4, null, List.of(1, 4)), row("2", null, List.of(10, 11, 12), List.of(11)))));
		assertThat(layout.accessible).containsExactly(true, false, false, true, false, true, false);
	}

	@Test
	void aSectionCodeTwiceIsRefusedWhateverItsCase() {
		assertInvalid(venue(section("A", seats("1", 2)), section("a", seats("1", 2))), "sections[1].code",
				"section a appears twice");
	}

	@Test
	void aRowLabelTwiceInASectionIsRefusedWhateverItsCase() {
		assertInvalid(venue(section("A", seats("k", 2), seats("1", 2), seats("K", 2))), "sections[0].rows[2].label",
				"row K appears twice in section A");
	}

	@Test
	void oneRowLabelInTwoSectionsIsTwoRows() {
		VenueLayout layout = VenueLayout.of(venue(section("A", seats("1", 1)), section("B", seats("1", 1))));
		assertThat(layout.seatIds).containsExactly("A-1-1", "B-1-1");
	}

	@Test
	void aRowGivesEitherACountOrNumbersNotBothNorNeither() {
		String message = "give either seats (a count) or numbers (a list), not both or neither";
		assertInvalid(venue(section("A", row("1", 2, List.of(1, 2), null))), "sections[0].rows[0]", message);
		assertInvalid(venue(section("A", seats("1", 2), row("2", null, null, null))), "sections[0].rows[1]", message);
	}

	@Test
	void aSeatNumberTwiceInARowIsRefused() {
		assertInvalid(venue(section("A", numbered("1", 1, 2, 1))), "sections[0].rows[0].numbers",
				"lists a seat number twice");
	}

	@Test
	void aRowOfNoNumbersIsRefused() {
		assertInvalid(venue(section("A", numbered("1"))), "sections[0].rows[0].numbers", "must not be empty");
	}

	@Test
	void accessibleSeatsTheRowDoesNotHaveAreRefused() {
		assertInvalid(venue(section("A", row("1", 4, null, List.of(5)))), "sections[0].rows[0].accessible",
				"lists seats the row does not have");
	}

	@Test
	void everyOffendingFieldIsNamedInOneAnswer() {
		ApiException problem = refused(venue(section("A", numbered("1", 3, 3), seats("1", 2)),
				section("B", row("1", 2, null, List.of(9))), section("A", seats("1", 1))));
		assertThat(fields(problem)).containsExactly("sections[0].rows[0].numbers", "sections[0].rows[1].label",
				"sections[1].rows[0].accessible", "sections[2].code");
	}

	@Test
	void atMostFiftyProblemsAreListed() {
		List<VenueRequest.Row> rows = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			rows.add(row("R" + i, null, List.of(1, 1), null));
		}
		assertThat(fields(refused(venue(new VenueRequest.Section("A", null, 5000, rows))))).hasSize(50);
	}

	@Test
	void aVenueOfTheMostSeatsAllowedIsLaidOut() {
		VenueLayout layout = VenueLayout.of(venue(sectionOfRows(100, seats("R", VenueLayout.MAX_SEATS_PER_ROW))));
		assertThat(layout.capacity()).isEqualTo(VenueLayout.MAX_SEATS);
		assertThat(layout.seatIds.get(VenueLayout.MAX_SEATS - 1)).isEqualTo("A-R99-2000");
	}

	@Test
	void aVenueOverTheSeatLimitIsRefusedBeforeAnyRowIsChecked() {
		// Rows that would each be refused (a number twice) are not even looked at: size
		// comes first.
		List<Integer> ones = Collections.nCopies(VenueLayout.MAX_SEATS_PER_ROW, 1);
		assertInvalid(
				venue(sectionOfRows(100, seats("R", VenueLayout.MAX_SEATS_PER_ROW)),
						section("B", row("1", null, ones, null))),
				"sections", "a venue has at most 200000 seats, not 202000");
	}

	/** Refused for this one problem alone. */
	private static void assertInvalid(VenueRequest request, String field, String message) {
		assertThat(refused(request).problem().getProperties()).extractingByKey("errors")
			.isEqualTo(List.of(Map.of("field", field, "message", message)));
	}

	private static ApiException refused(VenueRequest request) {
		ApiException refused = catchThrowableOfType(ApiException.class, () -> VenueLayout.of(request));
		assertThat(refused).isNotNull();
		assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.problem().getType().toString()).isEqualTo("urn:boxoffice:problem:validation");
		return refused;
	}

	@SuppressWarnings("unchecked")
	private static List<String> fields(ApiException problem) {
		List<Map<String, String>> errors = (List<Map<String, String>>) problem.problem().getProperties().get("errors");
		return errors.stream().map((error) -> error.get("field")).toList();
	}

	private static VenueRequest venue(VenueRequest.Section... sections) {
		return new VenueRequest("Hall", "Lyon", null, List.of(sections));
	}

	private static VenueRequest.Section section(String code, VenueRequest.Row... rows) {
		return new VenueRequest.Section(code, null, 5000, List.of(rows));
	}

	/** A section of {@code count} rows like {@code model}, labelled R0, R1, … */
	private static VenueRequest.Section sectionOfRows(int count, VenueRequest.Row model) {
		List<VenueRequest.Row> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(row(model.label() + i, model.seats(), model.numbers(), model.accessible()));
		}
		return new VenueRequest.Section("A", null, 5000, rows);
	}

	private static VenueRequest.Row seats(String label, int count) {
		return row(label, count, null, null);
	}

	private static VenueRequest.Row numbered(String label, Integer... numbers) {
		return row(label, null, List.of(numbers), null);
	}

	private static VenueRequest.Row row(String label, @Nullable Integer seats, @Nullable List<Integer> numbers,
			@Nullable List<Integer> accessible) {
		return new VenueRequest.Row(label, seats, numbers, accessible);
	}

}
