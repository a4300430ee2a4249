package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The history of events in PostgreSQL. Entries are written by the statement after the
 * change, in its transaction: a change whose entry cannot be written is rolled back.
 */
@Repository
class EventHistoryRepository {

	private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final JsonMapper json;

	EventHistoryRepository(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/** Records {@code change}, which brought the event to {@code version}. */
	Mono<Void> record(EventChange change, long version, UUID actorId) {
		return this.db.sql("""
				INSERT INTO event_history (event_id, version, kind, actor_id, fields, before, after)
				VALUES (:event, :version, :kind, :actor, :fields, CAST(:before AS jsonb), CAST(:after AS jsonb))
				""")
			.bind("event", change.eventId())
			.bind("version", version)
			.bind("kind", change.kind().name())
			.bind("actor", actorId)
			.bind("fields", change.fields().toArray(String[]::new))
			.bind("before", this.json.writeValueAsString(change.before()))
			.bind("after", this.json.writeValueAsString(change.after()))
			.then();
	}

	/**
	 * The event's entries, newest first, older than {@code beforeVersion} when given; one
	 * more than {@code limit} if there is a next page.
	 */
	Flux<EventHistoryEntry> page(UUID eventId, @Nullable Long beforeVersion, int limit) {
		String older = (beforeVersion != null) ? " AND version < :before" : "";
		var spec = this.db.sql("""
				SELECT version, kind, actor_id, changed_at, fields, before::text AS before, after::text AS after
				FROM event_history WHERE event_id = :event""" + older + " ORDER BY version DESC LIMIT :limit")
			.bind("event", eventId)
			.bind("limit", limit + 1);
		if (beforeVersion != null) {
			spec = spec.bind("before", beforeVersion);
		}
		return spec.map(this::read).all();
	}

	private EventHistoryEntry read(Readable row) {
		return new EventHistoryEntry(row.get("version", Long.class),
				EventChange.Kind.valueOf(row.get("kind", String.class)), row.get("actor_id", UUID.class),
				row.get("changed_at", Instant.class), List.of(row.get("fields", String[].class)),
				this.json.readValue(row.get("before", String.class), VALUES),
				this.json.readValue(row.get("after", String.class), VALUES));
	}

}
