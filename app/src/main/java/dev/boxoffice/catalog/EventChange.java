package dev.boxoffice.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One change to an event as its history keeps it: what kind, which fields, and each
 * field's value before and after (absent before a creation). Values are JSON-ready: text,
 * numbers, instants written as ISO-8601 text.
 */
public record EventChange(UUID eventId, Kind kind, List<String> fields, Map<String, Object> before,
		Map<String, Object> after) {

	/** Fields whose change the ticket holders of an event are told of. */
	static final List<String> TOLD_TO_HOLDERS = List.of("startsAt", "endsAt", "venueId");

	public EventChange {
		fields = List.copyOf(fields);
		before = Map.copyOf(before);
		after = Map.copyOf(after);
	}

	/**
	 * The fields of this change that move the event in time or place (its times, its
	 * venue), in the order changed; none for a change of anything else.
	 */
	public List<String> movingFields() {
		return (this.kind != Kind.UPDATED) ? List.of()
				: this.fields.stream().filter(TOLD_TO_HOLDERS::contains).toList();
	}

	/** The kinds of change the catalog makes. */
	public enum Kind {

		CREATED, UPDATED, PUBLISHED, CANCELLED

	}

}
