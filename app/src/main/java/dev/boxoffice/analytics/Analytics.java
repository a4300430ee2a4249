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
import dev.boxoffice.platform.error.RequestProblems;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * An event's sales report for its organizer (or an admin): orders from the projected
 * facts, holds from the statistics the seat scripts keep, seats and the waitlist as they
 * stand ({@link AnalyticsQueries}), put together in buckets of time and per section.
 * Reading them changes nothing.
 */
@Service
class Analytics {

	/** Most buckets one report may have. */
	static final int MAX_BUCKETS = 10_000;

	private final AnalyticsQueries queries;

	private final EventCatalog catalog;

	private final HoldIndex index;

	Analytics(AnalyticsQueries queries, EventCatalog catalog, HoldIndex index) {
		this.queries = queries;
		this.catalog = catalog;
		this.index = index;
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
			.flatMap((event) -> this.queries.onSaleAt(eventId)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((onSale) -> {
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
		return Mono
			.zip(this.queries.facts(eventId, from, to), this.queries.sections(eventId), this.index.stats(eventId),
					this.queries.waitlist(eventId, from, to), this.queries.soldOutAt(eventId))
			.map((found) -> assemble(event, onSaleAt, from, to, unit, found.getT1(), found.getT2(), found.getT3(),
					found.getT4(), found.getT5().orElse(null)));
	}

	private AnalyticsReport assemble(EventView event, @Nullable Instant onSaleAt, Instant from, Instant to,
			Granularity unit, List<AnalyticsQueries.FactRow> facts, List<Section> sectionsNow, Map<String, Long> stats,
			AnalyticsReport.Waitlist waitlist, @Nullable Instant soldOutAt) {
		Map<Instant, long[]> series = new TreeMap<>();
		Map<String, long[]> bySection = new TreeMap<>();
		Map<String, Long> failures = new TreeMap<>();
		long tickets = 0, gross = 0, refunded = 0, refundedTickets = 0, failed = 0;
		for (AnalyticsQueries.FactRow fact : facts) {
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
			.map(AnalyticsQueries.FactRow::order)
			.distinct()
			.count();
		long cancelled = facts.stream()
			.filter((fact) -> fact.kind().equals("REFUNDED"))
			.map(AnalyticsQueries.FactRow::order)
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

}
