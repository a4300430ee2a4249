package dev.boxoffice.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checks made once the wave is over, from the organizer's view of the line (read a
 * page at a time) and the event's seats, against what the {@link WaitlistLedger} saw:
 * <ul>
 * <li>the seats sold are exactly those the buyers bought and did not cancel;</li>
 * <li>every freed seat was sold, is kept for the line only while no waiting entry could
 * use it, or went back on sale only once no one waits: no seat is AVAILABLE while a buyer
 * waits, and no more seats are HELD for the line than the smallest waiting entry asks for
 * (every entry takes any section);</li>
 * <li>no offer is still live, and the line's PURCHASED and DECLINED entries are the
 * offers the buyers bought and declined.</li>
 * </ul>
 */
final class WaitlistEndCheck {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WaitlistLedger ledger;

	private final Map<String, Long> byState = new LinkedHashMap<>();

	private final List<Integer> waiting = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private int heldAtEnd;

	WaitlistEndCheck(WaitlistLedger ledger) {
		this.ledger = ledger;
	}

	/** Takes one page of the line; its {@code nextCursor}, or "" after the last. */
	synchronized String linePage(String body) {
		JsonNode page = json.readTree(body);
		if (this.byState.isEmpty()) {
			page.path("counts")
				.path("byState")
				.properties()
				.forEach((e) -> this.byState.put(e.getKey(), e.getValue().asLong()));
		}
		for (JsonNode entry : page.path("items")) {
			if ("WAITING".equals(entry.path("state").asString())) {
				this.waiting.add(entry.path("quantity").asInt());
			}
		}
		return page.path("nextCursor").asString("");
	}

	/** Checks the event's seats (its seat list, as JSON); the number of violations. */
	synchronized long seats(String body) {
		Set<String> sold = this.ledger.soldSeats();
		List<String> held = new ArrayList<>();
		List<String> available = new ArrayList<>();
		for (JsonNode seat : json.readTree(body)) {
			String id = seat.path("id").asString();
			String status = seat.path("status").asString();
			if ("SOLD".equals(status) != sold.contains(id)) {
				problem("seat " + id + " is " + status
						+ (sold.contains(id) ? " but was bought" : " but was not bought"));
			}
			if ("HELD".equals(status)) {
				held.add(id);
			}
			else if ("AVAILABLE".equals(status)) {
				available.add(id);
			}
		}
		int smallest = this.waiting.stream().mapToInt(Integer::intValue).min().orElse(0);
		if (!this.waiting.isEmpty() && !available.isEmpty()) {
			problem(available.size() + " seats back on sale while " + this.waiting.size() + " buyers wait: "
					+ available);
		}
		if (this.waiting.isEmpty() && !held.isEmpty()) {
			problem(held.size() + " seats still held with no one waiting: " + held);
		}
		if (!this.waiting.isEmpty() && held.size() >= smallest) {
			problem(held.size() + " seats held for the line while an entry for " + smallest + " waits: " + held);
		}
		expect("OFFERED", 0);
		expect("PURCHASED", this.ledger.outcomes.get("offer purchase 201"));
		expect("DECLINED", this.ledger.outcomes.get("offer decline 204"));
		this.problems.forEach(this.ledger::violation);
		this.heldAtEnd = held.size();
		return this.ledger.violations().size();
	}

	private void expect(String state, long count) {
		long found = this.byState.getOrDefault(state, 0L);
		if (found != count) {
			problem(found + " entries " + state + " in the line; the buyers saw " + count);
		}
	}

	private void problem(String what) {
		this.problems.add(what);
	}

	/** The line's entries by state, the buyers still waiting, and the seats kept. */
	synchronized Map<String, Object> report() {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("entriesByState", new LinkedHashMap<>(this.byState));
		report.put("stillWaiting", this.waiting.size());
		report.put("seatsHeldForTheLineAtEnd", this.heldAtEnd);
		return report;
	}

}
