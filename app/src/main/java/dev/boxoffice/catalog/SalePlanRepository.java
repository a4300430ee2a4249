package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.boxoffice.catalog.SalePlan.Pool;
import dev.boxoffice.catalog.SalePlan.Tier;
import dev.boxoffice.catalog.SalePlan.TicketType;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/** Sale plans (ticket types, pools, tiers) in PostgreSQL. */
@Repository
class SalePlanRepository {

	private final DatabaseClient db;

	SalePlanRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Writes a new event's plan. Runs in the caller's transaction. */
	Mono<Void> insert(SalePlan plan) {
		Flux<Long> pools = Flux.fromIterable(plan.pools())
			.index()
			.concatMap((pool) -> this.db
				.sql("INSERT INTO capacity_pools (id, event_id, name, capacity, position) "
						+ "VALUES (:id, :event, :name, :capacity, :position)")
				.bind("id", pool.getT2().id())
				.bind("event", plan.eventId())
				.bind("name", pool.getT2().name())
				.bind("capacity", pool.getT2().capacity())
				.bind("position", pool.getT1().intValue())
				.fetch()
				.rowsUpdated());
		Flux<Long> types = Flux.fromIterable(plan.types()).index().concatMap((indexed) -> {
			TicketType type = indexed.getT2();
			GenericExecuteSpec insert = this.db
				.sql("""
						INSERT INTO ticket_types (id, event_id, name, kind, price_cents, min_per_order, max_per_order, sections, position)
						VALUES (:id, :event, :name, :kind, :price, :min, :max, :sections, :position)
						""")
				.bind("id", type.id())
				.bind("event", plan.eventId())
				.bind("name", type.name())
				.bind("kind", type.kind().name())
				.bind("price", type.priceCents())
				.bind("sections", type.sections().toArray(String[]::new))
				.bind("position", indexed.getT1().intValue());
			insert = nullable(insert, "min", type.minPerOrder(), Integer.class);
			return nullable(insert, "max", type.maxPerOrder(), Integer.class).fetch()
				.rowsUpdated()
				.thenMany(Flux.fromIterable(type.poolIds())
					.concatMap((pool) -> this.db
						.sql("INSERT INTO ticket_type_pools (ticket_type_id, pool_id) VALUES (:type, :pool)")
						.bind("type", type.id())
						.bind("pool", pool)
						.fetch()
						.rowsUpdated()))
				.thenMany(Flux.fromIterable(type.tiers())
					.index()
					.concatMap((tier) -> insertTier(type, tier.getT2(), tier.getT1().intValue())));
		});
		return pools.thenMany(types).then();
	}

	private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, @Nullable Object value,
			Class<?> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

	private Mono<Long> insertTier(TicketType type, Tier tier, int position) {
		GenericExecuteSpec spec = this.db.sql("""
				INSERT INTO price_tiers (id, ticket_type_id, name, price_cents, quantity, until, position)
				VALUES (:id, :type, :name, :price, :quantity, :until, :position)
				""")
			.bind("id", tier.id())
			.bind("type", type.id())
			.bind("name", tier.name())
			.bind("price", tier.priceCents())
			.bind("position", position);
		spec = nullable(spec, "quantity", tier.quantity(), Integer.class);
		return nullable(spec, "until", tier.until(), Instant.class).fetch().rowsUpdated();
	}

	Mono<SalePlan> find(UUID eventId) {
		Mono<List<Pool>> pools = this.db
			.sql("SELECT id, name, capacity FROM capacity_pools WHERE event_id = :event ORDER BY position")
			.bind("event", eventId)
			.map((row) -> new Pool(row.get("id", UUID.class), row.get("name", String.class),
					row.get("capacity", Integer.class)))
			.all()
			.collectList();
		Mono<Map<UUID, List<UUID>>> typePools = this.db.sql("""
				SELECT tp.ticket_type_id, tp.pool_id FROM ticket_type_pools tp
				JOIN capacity_pools p ON p.id = tp.pool_id WHERE p.event_id = :event ORDER BY p.position
				""")
			.bind("event", eventId)
			.map((row) -> new UUID[] { row.get("ticket_type_id", UUID.class), row.get("pool_id", UUID.class) })
			.all()
			.collect(Collectors.groupingBy((pair) -> pair[0],
					Collectors.mapping((pair) -> pair[1], Collectors.toList())));
		Mono<Map<UUID, List<Tier>>> tiers = this.db.sql("""
				SELECT t.ticket_type_id, t.id, t.name, t.price_cents, t.quantity, t.until FROM price_tiers t
				JOIN ticket_types tt ON tt.id = t.ticket_type_id WHERE tt.event_id = :event ORDER BY t.position
				""")
			.bind("event", eventId)
			.map((row) -> Map.entry(row.get("ticket_type_id", UUID.class), tier(row)))
			.all()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return Mono.zip(pools, typePools, tiers)
			.flatMap((parts) -> this.db.sql("""
					SELECT id, name, kind, price_cents, min_per_order, max_per_order, sections FROM ticket_types
					WHERE event_id = :event ORDER BY position
					""")
				.bind("event", eventId)
				.map((row) -> type(row, parts.getT2(), parts.getT3()))
				.all()
				.collectList()
				.map((types) -> new SalePlan(eventId, types, parts.getT1())));
	}

	private static Tier tier(Readable row) {
		return new Tier(row.get("id", UUID.class), row.get("name", String.class), row.get("price_cents", Integer.class),
				row.get("quantity", Integer.class), row.get("until", Instant.class));
	}

	private static TicketType type(Readable row, Map<UUID, List<UUID>> pools, Map<UUID, List<Tier>> tiers) {
		UUID id = row.get("id", UUID.class);
		String[] sections = row.get("sections", String[].class);
		return new TicketType(id, row.get("name", String.class), TicketKind.valueOf(row.get("kind", String.class)),
				row.get("price_cents", Integer.class), row.get("min_per_order", Integer.class),
				row.get("max_per_order", Integer.class),
				(sections != null) ? new ArrayList<>(Arrays.asList(sections)) : List.of(),
				pools.getOrDefault(id, List.of()), tiers.getOrDefault(id, List.of()));
	}

}
