package dev.boxoffice.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.platform.redis.LuaScripts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Places counted in allotments: capacity pools, and price tiers limited in quantity. In
 * PostgreSQL, the arbiter, each place is a row a sale claims ({@code allotment_units});
 * in Redis, each allotment's capacity, held and sold are counters the seat scripts change
 * with the holds and sales that take places (see {@link Units}), so that at every moment
 * held + sold ≤ capacity.
 */
@Service
public class Allotments {

	/** Most expired holds of places one sweep call frees. */
	private static final int EXPIRE_BATCH = 500;

	/** One allotment's counts in Redis. */
	public record Count(long capacity, long held, long sold) {

		public long available() {
			return Math.max(0, this.capacity - this.held - this.sold);
		}

	}

	/** A hold or a sale of places, as Redis keeps it. */
	public record Entry(String holdId, Units units) {

		static Entry parse(String text) {
			int bar = text.indexOf('|');
			return new Entry(text.substring(0, bar), Units.decode(text.substring(bar + 1)));
		}

		String text() {
			return this.holdId + "|" + this.units.encode();
		}

	}

	private final RedisScript<Long> load = LuaScripts.load("load-units.lua", SeatScripts.UNITS_LIBRARY, Long.class);

	private final RedisScript<Long> returnSale = LuaScripts.load("return-units.lua", SeatScripts.UNITS_LIBRARY,
			Long.class);

	private final RedisScript<Long> expire = LuaScripts.load("expire-units.lua", SeatScripts.UNITS_LIBRARY, Long.class);

	private final DatabaseClient db;

	private final ReactiveStringRedisTemplate redis;

	private final EventKeys keys;

	private final ChangeFeedProperties feed;

	Allotments(DatabaseClient db, ReactiveStringRedisTemplate redis, EventKeys keys, ChangeFeedProperties feed) {
		this.db = db;
		this.redis = redis;
		this.keys = keys;
		this.feed = feed;
	}

	/**
	 * Creates the places of allotments going on sale, all free. Runs in the caller's
	 * transaction.
	 */
	public Mono<Long> materialize(Map<UUID, Integer> capacities) {
		if (capacities.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db.sql("""
				INSERT INTO allotment_units (allotment_id, unit)
				SELECT a.id, generate_series(1, a.capacity)
				FROM unnest(CAST(:ids AS uuid[]), CAST(:capacities AS int[])) AS a(id, capacity)
				""")
			.bind("ids", capacities.keySet().toArray(UUID[]::new))
			.bind("capacities", capacities.values().toArray(Integer[]::new))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * What a sale of {@code units} claims of the allotments in {@code arbitrated}: for
	 * each pool, how many free places become the order's, and what they are marked with.
	 * The claim itself is made in the statement that commits the sale
	 * ({@code sell_order}, migration V13), with SKIP LOCKED, so that buyers of one pool
	 * do not wait on each other's rows; too few free places fail the whole sale.
	 */
	public Claim claim(String holdId, Units units, Set<UUID> arbitrated) {
		Map<UUID, Integer> wanted = units.countsOf(arbitrated);
		List<UUID> ids = new ArrayList<>(wanted.keySet());
		return new Claim(List.copyOf(ids), ids.stream().map(wanted::get).toList(), new Entry(holdId, units).text());
	}

	/**
	 * Of the i-th pool of {@code pools}, the i-th count of {@code places} free places,
	 * marked {@code sale}.
	 */
	public record Claim(List<UUID> pools, List<Integer> places, String sale) {
	}

	/** The order's places are free again. Runs in the caller's transaction. */
	public Mono<Long> unsell(UUID orderId) {
		return this.db.sql("UPDATE allotment_units SET order_id = NULL, sale = NULL WHERE order_id = :order")
			.bind("order", orderId)
			.fetch()
			.rowsUpdated();
	}

	/** How many places the order has (0 once they came back, or if it never had any). */
	public Mono<Long> soldTo(UUID orderId) {
		return this.db.sql("SELECT count(*) AS n FROM allotment_units WHERE order_id = :order")
			.bind("order", orderId)
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	/** Places sold per allotment, in PostgreSQL. */
	public Mono<Map<UUID, Long>> soldInDatabase(List<UUID> allotments) {
		return this.db.sql("""
				SELECT allotment_id, count(*) AS sold FROM allotment_units
				WHERE allotment_id = ANY(CAST(:ids AS uuid[])) AND order_id IS NOT NULL GROUP BY allotment_id
				""")
			.bind("ids", allotments.toArray(UUID[]::new))
			.map((row) -> Map.entry(row.get("allotment_id", UUID.class), row.get("sold", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** The counts in Redis, of the allotments counted there (none if Redis lost them). */
	public Mono<Map<UUID, Count>> counts(UUID eventId) {
		return this.redis.<String, String>opsForHash().entries(this.keys.units(eventId)).collectList().map((fields) -> {
			Map<UUID, long[]> values = new HashMap<>();
			fields.forEach((field) -> {
				int bar = field.getKey().indexOf('|');
				long[] value = values.computeIfAbsent(UUID.fromString(field.getKey().substring(0, bar)),
						(id) -> new long[] { -1, 0, 0 });
				int index = switch (field.getKey().substring(bar + 1)) {
					case "cap" -> 0;
					case "held" -> 1;
					default -> 2;
				};
				value[index] = Long.parseLong(field.getValue());
			});
			Map<UUID, Count> counts = new HashMap<>();
			values.forEach((id, value) -> {
				if (value[0] >= 0) {
					counts.put(id, new Count(value[0], value[1], value[2]));
				}
			});
			return counts;
		});
	}

	/**
	 * Counts the event's allotments ({@code capacities}) in Redis from PostgreSQL (see
	 * {@code load-units.lua}), whose sales are those with places of {@code arbitrated}:
	 * when the event goes on sale, and whenever a hold finds them not counted.
	 */
	public Mono<Long> load(UUID eventId, Map<UUID, Integer> capacities, Set<UUID> arbitrated, Instant retainUntil) {
		if (capacities.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db
			.sql("SELECT DISTINCT sale FROM allotment_units WHERE allotment_id = ANY(CAST(:ids AS uuid[])) "
					+ "AND sale IS NOT NULL")
			.bind("ids", arbitrated.toArray(UUID[]::new))
			.map((row) -> row.get("sale", String.class))
			.all()
			.collectList()
			.flatMap((sales) -> {
				List<String> args = new ArrayList<>(
						List.of(Long.toString(retainUntil.toEpochMilli()), Integer.toString(capacities.size())));
				capacities.forEach((id, capacity) -> {
					args.add(id.toString());
					args.add(capacity.toString());
				});
				args.addAll(sales);
				return this.redis
					.execute(this.load,
							List.of(this.keys.units(eventId), this.keys.unitHolds(eventId),
									this.keys.unitSales(eventId)),
							args)
					.next();
			});
	}

	/**
	 * Places sold came back: they leave the sold counts in Redis, once; how many tickets.
	 */
	public Mono<Long> returned(UUID eventId, String holdId, Units units) {
		if (units.isEmpty()) {
			return Mono.just(0L);
		}
		return this.redis
			.execute(this.returnSale,
					List.of(this.keys.units(eventId), this.keys.unitSales(eventId), this.keys.feed(eventId)),
					List.of(new Entry(holdId, units).text(), Integer.toString(this.feed.feedLength())))
			.next();
	}

	/** Frees the places of the event's holds whose time has passed; how many. */
	public Mono<Long> expire(UUID eventId) {
		return this.redis
			.execute(this.expire,
					List.of(this.keys.unitHolds(eventId), this.keys.units(eventId), this.keys.feed(eventId),
							this.keys.stats(eventId)),
					List.of(Integer.toString(this.feed.feedLength()),
							Long.toString(SeatScripts.FALLBACK_FEED_LIFETIME_MILLIS), Integer.toString(EXPIRE_BATCH)))
			.next();
	}

	/** The holds of places in Redis (for the audit), expired or not. */
	public Flux<Entry> holds(UUID eventId) {
		return this.redis.opsForZSet().range(this.keys.unitHolds(eventId), Range.unbounded()).map(Entry::parse);
	}

	/** The sales of places Redis counts (for the audit). */
	public Flux<Entry> sales(UUID eventId) {
		return this.redis.opsForSet().members(this.keys.unitSales(eventId)).map(Entry::parse);
	}

}
