package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/** Events in PostgreSQL, and the search over them. */
@Repository
class EventRepository {

	private static final String SELECT = """
			SELECT e.id, e.organizer_id, e.venue_id, v.name AS venue_name, e.city, e.title, e.description,
			       e.category, e.starts_at, e.ends_at, e.currency, e.status, e.version
			FROM events e JOIN venues v ON v.id = e.venue_id
			""";

	private final DatabaseClient db;

	EventRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<UUID> insert(UUID organizerId, EventRequests.Create request, String city) {
		return this.db
			.sql("""
					INSERT INTO events (organizer_id, venue_id, title, description, category, city, starts_at, ends_at, currency)
					VALUES (:organizer, :venue, :title, :description, :category, :city, :starts, :ends, :currency)
					RETURNING id
					""")
			.bind("organizer", organizerId)
			.bind("venue", request.venueId())
			.bind("title", request.title().strip())
			.bind("description", request.description() == null ? "" : request.description().strip())
			.bind("category", request.category())
			.bind("city", city)
			.bind("starts", request.startsAt())
			.bind("ends", request.endsAt())
			.bind("currency", request.currency())
			.map((row) -> row.get("id", UUID.class))
			.one();
	}

	Mono<Long> insertPrices(UUID eventId, Map<String, Integer> prices) {
		if (prices.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db.sql("""
				INSERT INTO event_prices (event_id, section_code, price_cents)
				SELECT :event, code, price FROM unnest(CAST(:codes AS text[]), CAST(:prices AS int[])) AS p(code, price)
				""")
			.bind("event", eventId)
			.bind("codes", prices.keySet().toArray(String[]::new))
			.bind("prices", prices.values().toArray(Integer[]::new))
			.fetch()
			.rowsUpdated();
	}

	Mono<EventView> find(UUID id) {
		return this.db.sql(SELECT + " WHERE e.id = :id").bind("id", id).map(EventRepository::read).one();
	}

	/**
	 * The event, locked until the transaction ends: a change made on it cannot be
	 * overtaken by another.
	 */
	Mono<EventView> findForUpdate(UUID id) {
		return this.db.sql(SELECT + " WHERE e.id = :id FOR UPDATE OF e")
			.bind("id", id)
			.map(EventRepository::read)
			.one();
	}

	/**
	 * Changes the event only if it is still at {@code expected}, bumping its version: the
	 * new version, or empty if the event has moved on (or is cancelled) meanwhile.
	 */
	Mono<Long> update(UUID id, long expected, String title, String description, String category, Instant startsAt,
			Instant endsAt) {
		return this.db.sql("""
				UPDATE events SET title = :title, description = :description, category = :category,
				                  starts_at = :starts, ends_at = :ends, updated_at = now(), version = version + 1
				WHERE id = :id AND version = :expected AND status <> 'CANCELLED'
				RETURNING version
				""")
			.bind("id", id)
			.bind("expected", expected)
			.bind("title", title)
			.bind("description", description)
			.bind("category", category)
			.bind("starts", startsAt)
			.bind("ends", endsAt)
			.map((row) -> row.get("version", Long.class))
			.one();
	}

	/** The event's current version, if it exists. */
	Mono<Long> version(UUID id) {
		return this.db.sql("SELECT version FROM events WHERE id = :id")
			.bind("id", id)
			.map((row) -> row.get("version", Long.class))
			.one();
	}

	/**
	 * Moves the event from one status to another, bumping its version: the new version,
	 * or empty if it was not in {@code from}.
	 */
	Mono<Long> changeStatus(UUID id, EventStatus from, EventStatus to) {
		return this.db.sql("""
				UPDATE events SET status = :to, updated_at = now(), version = version + 1,
				       published_at = CASE WHEN :to = 'ON_SALE' THEN now() ELSE published_at END
				WHERE id = :id AND status = :from
				RETURNING version
				""")
			.bind("id", id)
			.bind("from", from.name())
			.bind("to", to.name())
			.map((row) -> row.get("version", Long.class))
			.one();
	}

	/** Events cancelled at or after {@code since} (a cancelled event changes no more). */
	Flux<UUID> cancelledSince(Instant since) {
		return this.db.sql("SELECT id FROM events WHERE status = 'CANCELLED' AND updated_at >= :since")
			.bind("since", since)
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	Mono<Void> setCapacity(UUID id, long capacity) {
		return this.db.sql("UPDATE events SET capacity = :capacity WHERE id = :id")
			.bind("id", id)
			.bind("capacity", capacity)
			.then();
	}

	/** One page, plus one event more if there is a next page. */
	Flux<EventView> search(EventQuery query) {
		List<String> where = new ArrayList<>(List.of("e.status = :status"));
		Map<String, Object> params = new LinkedHashMap<>(Map.of("status", query.status().name()));
		String text = query.prefixQuery();
		if (text != null) {
			where.add("e.search @@ to_tsquery('simple', :text)");
			params.put("text", text);
		}
		if (query.category() != null) {
			where.add("e.category = :category");
			params.put("category", query.category());
		}
		if (query.city() != null) {
			where.add("lower(e.city) = lower(:city)");
			params.put("city", query.city().strip());
		}
		if (query.from() != null) {
			where.add("e.starts_at >= :from");
			params.put("from", query.from());
		}
		if (query.to() != null) {
			where.add("e.starts_at < :to");
			params.put("to", query.to());
		}
		if (query.organizerId() != null) {
			where.add("e.organizer_id = :organizer");
			params.put("organizer", query.organizerId());
		}
		if (query.after() != null) {
			where.add("(e.starts_at, e.id) > (:afterStart, :afterId)");
			params.put("afterStart", query.after().startsAt());
			params.put("afterId", query.after().id());
		}
		String sql = SELECT + " WHERE " + String.join(" AND ", where) + " ORDER BY e.starts_at, e.id LIMIT :limit";
		GenericExecuteSpec spec = this.db.sql(sql).bind("limit", query.limit() + 1);
		for (Map.Entry<String, Object> param : params.entrySet()) {
			spec = spec.bind(param.getKey(), param.getValue());
		}
		return spec.map(EventRepository::read).all();
	}

	private static EventView read(Readable row) {
		return new EventView(row.get("id", UUID.class), row.get("organizer_id", UUID.class),
				new EventView.VenueRef(row.get("venue_id", UUID.class), row.get("venue_name", String.class),
						row.get("city", String.class)),
				row.get("title", String.class), row.get("description", String.class), row.get("category", String.class),
				row.get("starts_at", Instant.class), row.get("ends_at", Instant.class),
				row.get("currency", String.class), EventStatus.valueOf(row.get("status", String.class)),
				row.get("version", Long.class), null, null, null);
	}

}
