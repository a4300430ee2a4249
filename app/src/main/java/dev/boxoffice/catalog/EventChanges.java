package dev.boxoffice.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes the catalog makes to events, field by field, as their history keeps them.
 */
final class EventChanges {

	private EventChanges() {
	}

	/** A new event: every field it was created with, nothing before. */
	static EventChange created(EventView event, Map<String, Integer> prices) {
		Map<String, Object> after = values(event);
		if (!prices.isEmpty()) {
			after.put("prices", prices);
		}
		return new EventChange(event.id(), EventChange.Kind.CREATED, List.copyOf(after.keySet()), Map.of(), after);
	}

	/**
	 * What differs between the event as it was and as it is to be; no fields if nothing.
	 */
	static EventChange updated(EventView before, EventView after) {
		Map<String, Object> was = values(before);
		Map<String, Object> is = values(after);
		List<String> fields = new ArrayList<>();
		Map<String, Object> changedFrom = new LinkedHashMap<>();
		Map<String, Object> changedTo = new LinkedHashMap<>();
		is.forEach((field, value) -> {
			if (!Objects.equals(was.get(field), value)) {
				fields.add(field);
				changedFrom.put(field, was.get(field));
				changedTo.put(field, value);
			}
		});
		return new EventChange(before.id(), EventChange.Kind.UPDATED, fields, changedFrom, changedTo);
	}

	/**
	 * A change of status, with what else changed with it (a published event's capacity).
	 */
	static EventChange status(EventView event, EventStatus to, EventChange.Kind kind, Map<String, Object> before,
			Map<String, Object> after) {
		Map<String, Object> was = new LinkedHashMap<>(Map.of("status", event.status().name()));
		was.putAll(before);
		Map<String, Object> is = new LinkedHashMap<>(Map.of("status", to.name()));
		is.putAll(after);
		return new EventChange(event.id(), kind, List.copyOf(is.keySet()), was, is);
	}

	private static Map<String, Object> values(EventView event) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("title", event.title());
		values.put("description", event.description());
		values.put("category", event.category());
		values.put("venueId", event.venue().id().toString());
		values.put("startsAt", event.startsAt().toString());
		values.put("endsAt", event.endsAt().toString());
		values.put("currency", event.currency());
		values.put("status", event.status().name());
		return values;
	}

}
