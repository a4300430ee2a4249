package dev.boxoffice.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import dev.boxoffice.analytics.AnalyticsReport.Bucket;
import dev.boxoffice.analytics.AnalyticsReport.Section;
import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.catalog.EventView;
import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.platform.error.RequestProblems;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * An event's sales figures for its organizer (or an admin): orders from the projected
 * facts, holds from the statistics the seat scripts keep, seats and the waitlist as they
 * stand. Reading them changes nothing.
 */
@Service
class Analytics {

	/** Most buckets one report may have. */
	static final int MAX_BUCKETS = 10_000;

	private final DatabaseClient db;

	private final EventCatalog catalog;

	private final HoldIndex index;

	private final SeatInventory inventory;

	Analytics(DatabaseClient db, EventCatalog catalog, HoldIndex index, SeatInventory inventory) {
		this.db = db;
		this.catalog = catalog;
		this.index = index;
		this.inventory = inventory;
	}

	/** The time unit of a report's buckets. */
	enum Granularity {

		MINUTE(ChronoUnit.MINUTES), HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

		final ChronoUnit unit;

		Granularity(ChronoUnit unit) {
			this.unit = unit;
		}

		static Granularity of(String text) {
			for (Granularity granularity : values()) {
				if (granularity.name().equalsIgnoreCase(text)) {
					return granularity;
				}
			}
			throw RequestProblems.invalid("granularity", "must be minute, hour or day");
		}

		Instant start(Instant at) {
			return at.truncatedTo(this.unit);
		}

	}

	Mono<AnalyticsReport> report(UUID eventId, @Nullable Instant from, @Nullable Instant to, String granularity) {
		Granularity unit;
		try {
			unit = Granularity.of(granularity);
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return this.catalog.managed(eventId)
			.flatMap((
					event) -> onSaleAt(eventId).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((onSale) -> {
						Instant end = (to != null) ? to : Instant.now().plusSeconds(1);
						Instant start = (from != null) ? from : onSale.orElse(end.minus(Duration.ofDays(1)));
						if (!start.isBefore(end)) {
							return Mono.error(RequestProblems.invalid("from", "must be before to"));
						}
						long buckets = unit.unit.between(unit.start(start), end) + 1;
						if (buckets > MAX_BUCKETS) {
							return Mono.error(RequestProblems.invalid("granularity",
									"gives " + buckets + " buckets for this range; at most " + MAX_BUCKETS));
						}
						return build(event, onSale.orElse(null), start, end, unit);
					}));
	}

	private Mono<AnalyticsReport> build(EventView event, @Nullable Instant onSaleAt, Instant from, Instant to,
			Granularity unit) {
		UUID eventId = event.id();
		Mono<List<FactRow>> facts = this.db
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
		return Mono
			.zip(facts, sections(eventId), this.index.stats(eventId), waitlist(eventId, from, to), soldOutAt(eventId))
			.map((found) -> assemble(event, onSaleAt, from, to, unit, found.getT1(), found.getT2(), found.getT3(),
					found.getT4(), found.getT5().orElse(null)));
	}

	private AnalyticsReport assemble(EventView event, @Nullable Instant onSaleAt, Instant from, Instant to,
			Granularity unit, List<FactRow> facts, List<Section> sectionsNow, Map<String, Long> stats,
			AnalyticsReport.Waitlist waitlist, @Nullable Instant soldOutAt) {
		Map<Instant, long[]> series = new TreeMap<>();
		Map<String, long[]> bySection = new TreeMap<>();
		Map<String, Long> failures = new TreeMap<>();
		long tickets = 0, gross = 0, refunded = 0, refundedTickets = 0, failed = 0;
		for (FactRow fact : facts) {
			long[] bucket = series.computeIfAbsent(unit.start(fact.at()), (at) -> new long[8]);
			switch (fact.kind()) {
				case "SOLD" -> {
					tickets += fact.seats();
					gross += fact.cents();
					bucket[0] += fact.seats();
					bucket[1] += fact.cents();
					long[] section = bySection.computeIfAbsent(fact.section(), (s) -> new long[3]);
					section[0] += fact.seats();
					section[1] += fact.cents();
				}
				case "REFUNDED" -> {
					refunded += fact.cents();
					refundedTickets += fact.seats();
					bucket[2] += fact.cents();
					bySection.computeIfAbsent(fact.section(), (s) -> new long[3])[2] += fact.cents();
				}
				default -> {
					failed++;
					bucket[3]++;
					failures.merge(FailureReasons.kind(fact.reason()), 1L, Long::sum);
				}
			}
		}
		long taken = 0, seats = 0, bought = 0, released = 0, expired = 0;
		long fromMinute = from.getEpochSecond() / 60;
		long toMinute = (to.getEpochSecond() + 59) / 60;
		for (Map.Entry<String, Long> stat : stats.entrySet()) {
			String[] key = stat.getKey().split("\\|");
			if (key.length != 2 || key[0].equals("all")) {
				continue;
			}
			long minute = Long.parseLong(key[0]);
			if (minute < fromMinute || minute >= toMinute) {
				continue;
			}
			long value = stat.getValue();
			long[] bucket = series.computeIfAbsent(unit.start(Instant.ofEpochSecond(minute * 60)), (at) -> new long[8]);
			switch (key[1]) {
				case "holds" -> {
					taken += value;
					bucket[4] += value;
				}
				case "seats" -> seats += value;
				case "bought" -> {
					bought += value;
					bucket[5] += value;
				}
				case "released" -> {
					released += value;
					bucket[6] += value;
				}
				case "expired" -> {
					expired += value;
					bucket[7] += value;
				}
				default -> {
				}
			}
		}
		List<Bucket> buckets = new ArrayList<>();
		series.forEach((at, b) -> buckets.add(new Bucket(at, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7])));
		List<Section> sections = sectionsNow.stream().map((now) -> {
			long[] sold = bySection.getOrDefault(now.section(), new long[3]);
			return new Section(now.section(), now.capacity(), now.sold(), now.fill(), sold[0], sold[1], sold[2]);
		}).toList();
		long capacity = sectionsNow.stream().mapToLong(Section::capacity).sum();
		long orders = facts.stream()
			.filter((fact) -> fact.kind().equals("SOLD"))
			.map(FactRow::order)
			.distinct()
			.count();
		long cancelled = facts.stream()
			.filter((fact) -> fact.kind().equals("REFUNDED"))
			.map(FactRow::order)
			.distinct()
			.count();
		AnalyticsReport.Sales sales = new AnalyticsReport.Sales(tickets, orders, gross, refunded, gross - refunded,
				refundedTickets, cancelled, failed);
		AnalyticsReport.Holds holds = new AnalyticsReport.Holds(taken, seats, bought, released, expired,
				(taken > 0) ? (double) bought / taken : null);
		Long toSellOut = (soldOutAt != null && onSaleAt != null) ? Duration.between(onSaleAt, soldOutAt).toSeconds()
				: null;
		return new AnalyticsReport(event.id(), event.currency(), from, to, unit.name().toLowerCase(Locale.ROOT),
				onSaleAt, soldOutAt, toSellOut, capacity, sales, holds, failures, sections, buckets, waitlist);
	}

	/** The event's figures now, for the live stream. */
	Mono<LiveFigures> live(UUID eventId) {
		Mono<long[]> totals = this.db
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
		return Mono
			.zip(totals, this.inventory.quickCounts(eventId),
					this.index.statsTotals(eventId, List.of("holds", "bought")))
			.map((found) -> {
				long[] money = found.getT1();
				long taken = found.getT3().get(0);
				long bought = found.getT3().get(1);
				return new LiveFigures(Instant.now(), money[0], money[1], money[2], money[1] - money[2],
						money[3] / 10.0, taken, bought, (taken > 0) ? (double) bought / taken : null,
						found.getT2().available(), found.getT2().held(), found.getT2().capacity());
			});
	}

	/** Each section's capacity and seats sold now, in layout order. */
	private Mono<List<Section>> sections(UUID eventId) {
		return this.db.sql("""
				SELECT section_code, count(*) AS capacity, count(*) FILTER (WHERE status = 'SOLD') AS sold
				FROM seats WHERE event_id = :event GROUP BY section_code ORDER BY min(position)
				""").bind("event", eventId).map((row) -> {
			long capacity = number(row, "capacity");
			long sold = number(row, "sold");
			return new Section(row.get("section_code", String.class), capacity, sold,
					(capacity > 0) ? (double) sold / capacity : 0, 0, 0, 0);
		}).all().collectList();
	}

	private Mono<AnalyticsReport.Waitlist> waitlist(UUID eventId, Instant from, Instant to) {
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
	private Mono<Instant> onSaleAt(UUID eventId) {
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
	private Mono<Optional<Instant>> soldOutAt(UUID eventId) {
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
	private record FactRow(String fact, String kind, Instant at, @Nullable String section, long seats, long cents,
			@Nullable String reason) {

		String order() {
			return this.fact.split(":")[1];
		}

	}

}
