package dev.boxoffice.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.error.RequestProblems.FieldProblem;

/**
 * A venue's seats, checked and flattened into columns for one bulk insert. Checks what
 * annotations cannot: each row has seats one way, no section, row or seat twice, and the
 * venue within {@link #MAX_SEATS}.
 */
final class VenueLayout {

	static final String CODE = "[A-Za-z0-9]{1,8}";

	static final int MAX_SECTIONS = 500;

	static final int MAX_ROWS = 2_000;

	static final int MAX_SEATS_PER_ROW = 2_000;

	static final int MAX_SEATS = 200_000;

	final List<String> seatIds = new ArrayList<>();

	final List<String> sections = new ArrayList<>();

	final List<String> rows = new ArrayList<>();

	final List<Integer> numbers = new ArrayList<>();

	final List<Boolean> accessible = new ArrayList<>();

	private VenueLayout() {
	}

	int capacity() {
		return this.seatIds.size();
	}

	/**
	 * The layout, or an validation problem ({@link RequestProblems#invalid}) naming every
	 * offending field.
	 */
	static VenueLayout of(VenueRequest request) {
		long asked = request.sections()
			.stream()
			.flatMap((section) -> section.rows().stream())
			.mapToLong(
					(row) -> (row.seats() != null) ? row.seats() : (row.numbers() != null ? row.numbers().size() : 0))
			.sum();
		if (asked > MAX_SEATS) {
			// Checked before any seat is made: a huge layout must not cost time or
			// memory.
			throw RequestProblems.invalid("sections", "a venue has at most " + MAX_SEATS + " seats, not " + asked);
		}
		VenueLayout layout = new VenueLayout();
		List<FieldProblem> problems = new ArrayList<>();
		Set<String> sectionCodes = new HashSet<>();
		for (int s = 0; s < request.sections().size(); s++) {
			VenueRequest.Section section = request.sections().get(s);
			String path = "sections[" + s + "]";
			if (!sectionCodes.add(section.code().toUpperCase())) {
				problems.add(new FieldProblem(path + ".code", "section " + section.code() + " appears twice"));
			}
			layout.addSection(section, path, problems);
		}
		if (!problems.isEmpty()) {
			throw RequestProblems.invalid(problems.subList(0, Math.min(problems.size(), 50)));
		}
		return layout;
	}

	private void addSection(VenueRequest.Section section, String path, List<FieldProblem> problems) {
		Set<String> rowLabels = new HashSet<>();
		for (int r = 0; r < section.rows().size(); r++) {
			VenueRequest.Row row = section.rows().get(r);
			String rowPath = path + ".rows[" + r + "]";
			if (!rowLabels.add(row.label().toUpperCase())) {
				problems.add(new FieldProblem(rowPath + ".label",
						"row " + row.label() + " appears twice in section " + section.code()));
			}
			List<Integer> seatNumbers = numbersOf(row, rowPath, problems);
			Set<Integer> accessibleNumbers = (row.accessible() != null) ? Set.copyOf(row.accessible()) : Set.of();
			if (!seatNumbers.containsAll(accessibleNumbers)) {
				problems.add(new FieldProblem(rowPath + ".accessible", "lists seats the row does not have"));
			}
			for (int number : seatNumbers) {
				this.seatIds.add(section.code() + "-" + row.label() + "-" + number);
				this.sections.add(section.code());
				this.rows.add(row.label());
				this.numbers.add(number);
				this.accessible.add(accessibleNumbers.contains(number));
			}
		}
	}

	private static List<Integer> numbersOf(VenueRequest.Row row, String path, List<FieldProblem> problems) {
		if ((row.seats() == null) == (row.numbers() == null)) {
			problems
				.add(new FieldProblem(path, "give either seats (a count) or numbers (a list), not both or neither"));
			return List.of();
		}
		if (row.seats() != null) {
			return IntStream.rangeClosed(1, row.seats()).boxed().toList();
		}
		List<Integer> numbers = row.numbers();
		if (numbers.isEmpty()) {
			problems.add(new FieldProblem(path + ".numbers", "must not be empty"));
		}
		if (new HashSet<>(numbers).size() != numbers.size()) {
			problems.add(new FieldProblem(path + ".numbers", "lists a seat number twice"));
		}
		return numbers;
	}

}
