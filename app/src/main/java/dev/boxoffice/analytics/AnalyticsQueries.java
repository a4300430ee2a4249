package dev.boxoffice.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.boxoffice.analytics.AnalyticsReport.Section;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * What the analytics read in PostgreSQL: their own facts, and — the one feature that does
 * (docs/architecture.md, "Sales analytics") — the seats, the events' publication and the
 * waitlist's tables, never written.
 */
@Repository
class AnalyticsQueries {

	private final DatabaseClient db;

	AnalyticsQueries(DatabaseClient db) {
		this.db = db;
	}

	/** The event's facts of {@code [from, to)}. */
	Mono<List<FactRow>> facts(UUID eventId, Instant from, Instant to) {
		return this.db
			.sql("SELECT fact, kind, at, section_code, seats, cents, reason FROM sale_facts "
					+ "WHERE event_id = :event AND at >= :from AND at < :to")
			.bind("event", eventId)
			.bind("from", from)
			.bind("to", to)
			.map((row) -> new FactRow(row.get("fact", String.class), row.get("kind", String.class),
					row.get("at", Instant.class), row.get("section_code", String.class), number(row, "seats"),
					number(row, "cents"), row.get("reason", String.class)))
			.all()
			.collectList();
	}

	/**
	 * The event's totals for the live figures: tickets sold, money taken and given back,
	 * tickets sold in the last ten seconds.
	 */
	Mono<long[]> liveTotals(UUID eventId) {
		return this.db
			.sql("""
					SELECT coalesce(sum(seats) FILTER (WHERE kind = 'SOLD'), 0) AS tickets,
					       coalesce(sum(cents) FILTER (WHERE kind = 'SOLD'), 0) AS gross,
					       coalesce(sum(cents) FILTER (WHERE kind = 'REFUNDED'), 0) AS refunded,
					       coalesce(sum(seats) FILTER (WHERE kind = 'SOLD' AND at > now() - interval '10 seconds'), 0) AS recent
					FROM sale_facts WHERE event_id = :event
					""")
			.bind("event", eventId)
			.map((row) -> new long[] { number(row, "tickets"), number(row, "gross"), number(row, "refunded"),
					number(row, "recent") })
			.one();
	}

	/**
	 * Each section's capacity and seats sold now, in layout order; then each
	 * general-admission type's (its smallest pool's capacity, its valid tickets), by
	 * name.
	 */
	Mono<List<Section>> sections(UUID eventId) {
		return this.db
			.sql("""
					SELECT section_code, capacity, sold FROM (
					  SELECT section_code, count(*) AS capacity, count(*) FILTER (WHERE status = 'SOLD') AS sold,
					         0 AS kind, min(position) AS position
					  FROM seats WHERE event_id = :event GROUP BY section_code
					  UNION ALL
					  SELECT t.name, (SELECT min(p.capacity) FROM ticket_type_pools tp JOIN capacity_pools p ON p.id = tp.pool_id
					                  WHERE tp.ticket_type_id = t.id),
					         (SELECT count(*) FROM tickets k WHERE k.ticket_type_id = t.id AND k.status = 'VALID'), 1, t.position
					  FROM ticket_types t WHERE t.event_id = :event AND t.kind = 'GENERAL_ADMISSION') parts
					ORDER BY kind, position
					""")
			.bind("event", eventId)
			.map((row) -> {
				long capacity = number(row, "capacity");
				long sold = number(row, "sold");
				return new Section(row.get("section_code", String.class), capacity, sold,
						(capacity > 0) ? (double) sold / capacity : 0, 0, 0, 0);
			})
			.all()
			.collectList();
	}

	Mono<AnalyticsReport.Waitlist> waitlist(UUID eventId, Instant from, Instant to) {
		return this.db.sql("""
				SELECT (SELECT count(*) FROM waitlist_entries WHERE event_id = :event
				          AND joined_at >= :from AND joined_at < :to) AS joined,
				       (SELECT count(*) FROM waitlist_entries WHERE event_id = :event AND state = 'WAITING') AS waiting,
				       count(*) AS offered, count(*) FILTER (WHERE state = 'PURCHASED') AS purchased,
				       count(*) FILTER (WHERE state = 'DECLINED') AS declined,
				       count(*) FILTER (WHERE state = 'EXPIRED') AS expired
				FROM waitlist_offers WHERE event_id = :event AND offered_at >= :from AND offered_at < :to
				""")
			.bind("event", eventId)
			.bind("from", from)
			.bind("to", to)
			.map((row) -> new AnalyticsReport.Waitlist(number(row, "joined"), number(row, "waiting"),
					number(row, "offered"), number(row, "purchased"), number(row, "declined"), number(row, "expired")))
			.one();
	}

	/** When the event was published (on sale), if it was. */
	Mono<Instant> onSaleAt(UUID eventId) {
		return this.db.sql("SELECT published_at FROM events WHERE id = :event")
			.bind("event", eventId)
			.map((row) -> Optional.ofNullable(row.get("published_at", Instant.class)))
			.one()
			.flatMap(Mono::justOrEmpty);
	}

	/**
	 * The first moment every seat was sold: when the running count of tickets sold less
	 * those refunded reached the event's capacity.
	 */
	Mono<Optional<Instant>> soldOutAt(UUID eventId) {
		return this.db.sql("""
				SELECT min(at) AS at FROM (
				  SELECT at, sum(CASE WHEN kind = 'SOLD' THEN seats ELSE -seats END)
				             OVER (ORDER BY at, fact ROWS UNBOUNDED PRECEDING) AS sold
				  FROM sale_facts WHERE event_id = :event AND kind IN ('SOLD', 'REFUNDED')) running
				WHERE sold >= (SELECT count(*) FROM seats WHERE event_id = :event)
				""")
			.bind("event", eventId)
			.map((row) -> Optional.ofNullable(row.get("at", Instant.class)))
			.one()
			.defaultIfEmpty(Optional.empty());
	}

	private static long number(Readable row, String column) {
		Number value = row.get(column, Number.class);
		return (value != null) ? value.longValue() : 0L;
	}

	/** One fact as read; its key names its order ({@code <kind>:<order>[:<section>]}). */
	record FactRow(String fact, String kind, Instant at, @Nullable String section, long seats, long cents,
			@Nullable String reason) {

		String order() {
			return this.fact.split(":")[1];
		}

	}

}
