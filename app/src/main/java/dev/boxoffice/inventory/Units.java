package dev.boxoffice.inventory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The places a hold or an order takes from counted allotments: {@code tickets}
 * general-admission tickets (what counts under the holding bounds beside seats), and from
 * each allotment (a capacity pool, or a price tier limited in quantity) how many. A
 * general-admission ticket takes one place of each pool of its type; a ticket (seated or
 * not) of a limited tier also takes one of the tier's. Its encoding is what Redis keeps
 * for the hold and the sale, so it is canonical: the allotments in the order given.
 */
public record Units(int tickets, Map<UUID, Integer> counts) {

	/** Nothing counted: a hold of seats without limited tiers. */
	public static final Units NONE = new Units(0, Map.of());

	public Units {
		counts = Map.copyOf(counts);
	}

	public boolean isEmpty() {
		return this.counts.isEmpty();
	}

	/** The counts of just {@code allotments}. */
	public Map<UUID, Integer> countsOf(Set<UUID> allotments) {
		Map<UUID, Integer> only = new LinkedHashMap<>();
		this.counts.forEach((id, n) -> {
			if (allotments.contains(id)) {
				only.put(id, n);
			}
		});
		return only;
	}

	/** {@code <tickets>;<allotment>=<n>,…}, or "" for none. */
	public String encode() {
		if (isEmpty()) {
			return "";
		}
		StringBuilder text = new StringBuilder().append(this.tickets).append(';');
		this.counts.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((count) -> text.append(count.getKey()).append('=').append(count.getValue()).append(','));
		if (!this.counts.isEmpty()) {
			text.setLength(text.length() - 1);
		}
		return text.toString();
	}

	public static Units decode(String text) {
		if (text == null || text.isEmpty()) {
			return NONE;
		}
		int semicolon = text.indexOf(';');
		int tickets = Integer.parseInt(text.substring(0, semicolon));
		Map<UUID, Integer> counts = new LinkedHashMap<>();
		String rest = text.substring(semicolon + 1);
		if (!rest.isEmpty()) {
			for (String count : rest.split(",")) {
				int equals = count.indexOf('=');
				counts.put(UUID.fromString(count.substring(0, equals)), Integer.parseInt(count.substring(equals + 1)));
			}
		}
		return new Units(tickets, counts);
	}

}
