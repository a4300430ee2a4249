package dev.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.boxoffice.inventory.Allotments;
import dev.boxoffice.inventory.Units;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Orders, their seats and tickets in PostgreSQL. */
@Repository
class OrderRepository {

	private static final String ORDER = """
			SELECT id, buyer_id, event_id, hold_id, status, step, total_cents, currency, payment_token,
			       idempotency_key, failure_reason, redis_pending, created_at, updated_at, units FROM orders
			""";

	private final DatabaseClient db;

	OrderRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The order, its seats and its items, in one statement; answers the order's creation
	 * time.
	 */
	Mono<Instant> insert(OrderRecord order) {
		List<OrderRecord.Item> items = order.items();
		String[] seats = order.seats().stream().map(OrderRecord.Seat::seatId).toArray(String[]::new);
		Integer[] prices = order.seats().stream().map(OrderRecord.Seat::priceCents).toArray(Integer[]::new);
		Long[] versions = order.seats().stream().map(OrderRecord.Seat::version).toArray(Long[]::new);
		return this.db
			.sql("""
					WITH o AS (
					    INSERT INTO orders (id, buyer_id, event_id, hold_id, status, step, total_cents, currency,
					                        payment_token, idempotency_key, units)
					    VALUES (:id, :buyer, :event, :hold, 'PENDING', 'CREATED', :total, :currency, :token, :key, :units)
					    RETURNING id, event_id, created_at),
					s AS (
					    INSERT INTO order_seats (order_id, event_id, seat_id, price_cents, seat_version)
					    SELECT o.id, o.event_id, seat, price, version
					    FROM o, unnest(CAST(:seats AS text[]), CAST(:prices AS int[]), CAST(:versions AS bigint[]))
					         AS s(seat, price, version)),
					i AS (
					    INSERT INTO order_items (order_id, position, ticket_type_id, tier_id, quantity, price_cents)
					    SELECT o.id, position, type, tier, quantity, price
					    FROM o, unnest(CAST(:types AS uuid[]), CAST(:tiers AS uuid[]), CAST(:quantities AS int[]),
					                   CAST(:itemPrices AS int[])) WITH ORDINALITY AS i(type, tier, quantity, price, position))
					SELECT created_at FROM o
					""")
			.bind("id", order.id())
			.bind("buyer", order.buyerId())
			.bind("event", order.eventId())
			.bind("hold", order.holdId())
			.bind("total", order.totalCents())
			.bind("currency", order.currency())
			.bind("token", order.paymentToken())
			.bind("key", order.idempotencyKey())
			.bind("seats", seats)
			.bind("prices", prices)
			.bind("versions", versions)
			.bind("units", order.units().encode())
			.bind("types", items.stream().map(OrderRecord.Item::ticketTypeId).toArray(UUID[]::new))
			.bind("tiers", items.stream().map(OrderRecord.Item::tierId).toArray(UUID[]::new))
			.bind("quantities", items.stream().map(OrderRecord.Item::quantity).toArray(Integer[]::new))
			.bind("itemPrices", items.stream().map(OrderRecord.Item::priceCents).toArray(Integer[]::new))
			.map((row) -> row.get("created_at", Instant.class))
			.one();
	}

	Mono<OrderRecord> find(UUID id) {
		return this.db.sql(ORDER + " WHERE id = :id")
			.bind("id", id)
			.map(OrderRepository::read)
			.one()
			.flatMap(this::withLines);
	}

	/** The buyer's order made with an Idempotency-Key, if there is one. */
	Mono<OrderRecord> findByKey(UUID buyerId, String idempotencyKey) {
		return this.db.sql(ORDER + " WHERE buyer_id = :buyer AND idempotency_key = :key")
			.bind("buyer", buyerId)
			.bind("key", idempotencyKey)
			.map(OrderRepository::read)
			.one()
			.flatMap(this::withLines);
	}

	/**
	 * The payment is captured: the order is CONFIRMED, in the one statement that records
	 * the capture. From COMMITTED, or from CAPTURED where an earlier version of the saga
	 * recorded the capture as a step of its own. False if it was not there. With an
	 * {@code answer}, the same statement keeps it (201) for the order's Idempotency-Key,
	 * if the key is still in flight.
	 */
	Mono<Boolean> confirm(UUID id, @Nullable String answer) {
		if (answer == null) {
			return this.db
				.sql("UPDATE orders SET status = 'CONFIRMED', step = 'DONE', updated_at = now() "
						+ "WHERE id = :id AND status = 'PENDING' AND step IN ('COMMITTED', 'CAPTURED')")
				.bind("id", id)
				.fetch()
				.rowsUpdated()
				.map((rows) -> rows == 1);
		}
		return this.db.sql("""
				WITH confirmed AS (
				    UPDATE orders SET status = 'CONFIRMED', step = 'DONE', updated_at = now()
				    WHERE id = :id AND status = 'PENDING' AND step IN ('COMMITTED', 'CAPTURED')
				    RETURNING buyer_id, idempotency_key),
				kept AS (
				    UPDATE idempotency_keys k SET status = 'DONE', response_status = 201, response_body = :answer
				    FROM confirmed c
				    WHERE k.buyer_id = c.buyer_id AND k.key = c.idempotency_key AND k.status = 'IN_FLIGHT')
				SELECT count(*) AS confirmed FROM confirmed
				""")
			.bind("id", id)
			.bind("answer", answer)
			.map((row) -> row.get("confirmed", Long.class))
			.one()
			.map((rows) -> rows == 1);
	}

	/**
	 * The order failed. It is marked {@code redis_pending} in the same statement: Redis
	 * is yet to be told (its hold freed, seats that came back announced), and until the
	 * mark is cleared recovery repeats that.
	 */
	Mono<Boolean> fail(UUID id, String reason) {
		return fail(id, reason, "");
	}

	/**
	 * The same, only if the seats were not committed (the order is at CREATED or
	 * AUTHORIZED): false after a commit, which may have happened even if its answer was
	 * lost.
	 */
	Mono<Boolean> failUncommitted(UUID id, String reason) {
		return fail(id, reason, " AND step IN ('CREATED', 'AUTHORIZED')");
	}

	private Mono<Boolean> fail(UUID id, String reason, String condition) {
		return this.db
			.sql("UPDATE orders SET status = 'FAILED', step = 'DONE', failure_reason = :reason, "
					+ "redis_pending = true, updated_at = now() WHERE id = :id AND status = 'PENDING'" + condition)
			.bind("id", id)
			.bind("reason", reason)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/** Moves the order between statuses; false if it was not in {@code from}. */
	Mono<Boolean> changeStatus(UUID id, OrderStatus from, OrderStatus to) {
		return this.db.sql("UPDATE orders SET status = :to, updated_at = now() WHERE id = :id AND status = :from")
			.bind("id", id)
			.bind("from", from.name())
			.bind("to", to.name())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/**
	 * Claims an unfinished order for recovery: only one claimer succeeds, and a live saga
	 * touching the order meanwhile (which bumps updated_at) makes the claim fail.
	 */
	Mono<Boolean> claim(UUID id, Instant seenUpdatedAt) {
		return this.db.sql("UPDATE orders SET updated_at = now() WHERE id = :id AND updated_at = :seen")
			.bind("id", id)
			.bind("seen", seenUpdatedAt)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	Flux<OrderRecord> unfinishedSince(Instant before, int limit) {
		return this.db
			.sql(ORDER + " WHERE (status IN ('PENDING', 'CANCELLING') OR redis_pending) AND updated_at < :before "
					+ "ORDER BY updated_at LIMIT :limit")
			.bind("before", before)
			.bind("limit", limit)
			.map(OrderRepository::read)
			.all()
			.concatMap(this::withLines);
	}

	/** Confirmed orders of these events, oldest first. */
	Flux<OrderRecord> confirmedOf(List<UUID> eventIds, int limit) {
		return this.db
			.sql(ORDER + " WHERE event_id = ANY(CAST(:events AS uuid[])) AND status = 'CONFIRMED' "
					+ "ORDER BY created_at LIMIT :limit")
			.bind("events", eventIds.toArray(UUID[]::new))
			.bind("limit", limit)
			.map(OrderRepository::read)
			.all()
			.concatMap(this::withLines);
	}

	Flux<OrderRecord> ofBuyer(UUID buyerId, @Nullable Instant beforeCreated, @Nullable UUID beforeId, int limit) {
		String after = (beforeCreated == null) ? "" : " AND (created_at, id) < (:created, :id)";
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql(ORDER + " WHERE buyer_id = :buyer" + after + " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.bind("buyer", buyerId)
			.bind("limit", limit);
		if (beforeCreated != null && beforeId != null) {
			spec = spec.bind("created", beforeCreated).bind("id", beforeId);
		}
		return spec.map(OrderRepository::read).all().concatMap(this::withLines);
	}

	/**
	 * Commits the sale in one statement ({@code sell_order}, migrations V13 and V14),
	 * which is its own transaction unless the caller runs it in one: within the buyer's
	 * ticket limit (counted after the buyer's purchases for the event are serialized),
	 * every seat still at its held version, the places claimed, one ticket per seat and
	 * per place, and the order moved from CREATED to COMMITTED with its payment's id. All
	 * or nothing. Errors: the ticket limit or lost seats ({@link BookingExceptions}),
	 * {@link OrderTakenOver} if the order was no longer at CREATED (recovery took it
	 * over).
	 */
	Mono<Void> sell(OrderRecord order, String paymentId, int limit, Map<String, Long> versions, Allotments.Claim places,
			List<TicketView> tickets) {
		return this.db.sql("""
				SELECT sell_order(:order, :buyer, :event, :limit, :count, CAST(:seats AS text[]),
				       CAST(:versions AS bigint[]), CAST(:pools AS uuid[]), CAST(:places AS int[]), :sale,
				       CAST(:ids AS uuid[]), CAST(:ticketSeats AS text[]), CAST(:types AS uuid[]),
				       CAST(:codes AS text[]), :payment)
				""")
			.bind("order", order.id())
			.bind("buyer", order.buyerId())
			.bind("event", order.eventId())
			.bind("limit", limit)
			.bind("count", order.seats().size() + order.places())
			.bind("seats", versions.keySet().toArray(String[]::new))
			.bind("versions", versions.values().toArray(Long[]::new))
			.bind("pools", places.pools().toArray(UUID[]::new))
			.bind("places", places.places().toArray(Integer[]::new))
			.bind("sale", places.sale())
			.bind("ids", tickets.stream().map(TicketView::id).toArray(UUID[]::new))
			.bind("ticketSeats", tickets.stream().map(TicketView::seatId).toArray(String[]::new))
			.bind("types", tickets.stream().map(TicketView::ticketTypeId).toArray(UUID[]::new))
			.bind("codes", tickets.stream().map(TicketView::code).toArray(String[]::new))
			.bind("payment", paymentId)
			.then()
			.onErrorMap((ex) -> {
				RuntimeException refused = refusal(ex, order, limit);
				return (refused != null) ? refused : ex;
			});
	}

	/**
	 * What {@code sell_order}'s SQLSTATE says, or null if it is not a refusal of its own.
	 */
	private static @Nullable RuntimeException refusal(Throwable ex, OrderRecord order, int limit) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException database && database.getSqlState() != null) {
				return switch (database.getSqlState()) {
					case "BX001" -> BookingExceptions.seatsLost();
					case "BX002" -> BookingExceptions.ticketLimit(limit);
					case "BX003" -> new OrderTakenOver(order.id());
					default -> null;
				};
			}
		}
		return null;
	}

	/** Voids the order's valid tickets; the seats they were for (places have none). */
	Flux<String> voidTickets(UUID orderId) {
		return this.db
			.sql("UPDATE tickets SET status = 'VOID' WHERE order_id = :order AND status = 'VALID' RETURNING seat_id")
			.bind("order", orderId)
			.map((row) -> Optional.ofNullable(row.get("seat_id", String.class)))
			.all()
			.flatMap(Mono::justOrEmpty);
	}

	Flux<TicketView> tickets(UUID orderId) {
		return this.db.sql(
				"SELECT id, order_id, event_id, seat_id, ticket_type_id, code, status FROM tickets WHERE order_id = :order ORDER BY seat_id COLLATE \"C\", id")
			.bind("order", orderId)
			.map(OrderRepository::ticket)
			.all();
	}

	/**
	 * The buyer's valid tickets of confirmed orders (a purchase still under way shows
	 * none).
	 */
	Flux<TicketView> ticketsOfBuyer(UUID buyerId) {
		return this.db
			.sql("SELECT t.id, t.order_id, t.event_id, t.seat_id, t.ticket_type_id, t.code, t.status FROM tickets t "
					+ "JOIN orders o ON o.id = t.order_id AND o.status = 'CONFIRMED' "
					+ "WHERE t.buyer_id = :buyer AND t.status = 'VALID' ORDER BY t.created_at DESC, t.seat_id")
			.bind("buyer", buyerId)
			.map(OrderRepository::ticket)
			.all();
	}

	/** Every buyer holding a valid ticket of a confirmed order for the event, once. */
	Flux<UUID> ticketHolders(UUID eventId) {
		return this.db.sql(
				"SELECT DISTINCT t.buyer_id FROM tickets t JOIN orders o ON o.id = t.order_id AND o.status = 'CONFIRMED' "
						+ "WHERE t.event_id = :event AND t.status = 'VALID'")
			.bind("event", eventId)
			.map((row) -> row.get("buyer_id", UUID.class))
			.all();
	}

	/**
	 * Marks that Redis must still learn the order's seats came back (true), or has
	 * (false).
	 */
	Mono<Void> redisPending(UUID id, boolean pending) {
		return this.db.sql("UPDATE orders SET redis_pending = :pending WHERE id = :id")
			.bind("id", id)
			.bind("pending", pending)
			.then();
	}

	private Mono<OrderRecord> withLines(OrderRecord order) {
		Mono<List<OrderRecord.Seat>> seats = this.db.sql(
				"SELECT seat_id, price_cents, seat_version FROM order_seats WHERE order_id = :order ORDER BY seat_id COLLATE \"C\"")
			.bind("order", order.id())
			.map((row) -> new OrderRecord.Seat(row.get("seat_id", String.class), row.get("price_cents", Integer.class),
					row.get("seat_version", Long.class)))
			.all()
			.collectList();
		Mono<List<OrderRecord.Item>> items = this.db.sql("""
				SELECT i.ticket_type_id, i.tier_id, i.quantity, i.price_cents, t.kind FROM order_items i
				LEFT JOIN ticket_types t ON t.id = i.ticket_type_id WHERE i.order_id = :order ORDER BY i.position
				""")
			.bind("order", order.id())
			.map((row) -> new OrderRecord.Item(row.get("ticket_type_id", UUID.class), row.get("tier_id", UUID.class),
					row.get("quantity", Integer.class), row.get("price_cents", Integer.class),
					!"GENERAL_ADMISSION".equals(row.get("kind", String.class))))
			.all()
			.collectList();
		return Mono.zip(seats, items).map((lines) -> order.withLines(lines.getT1(), lines.getT2()));
	}

	private static OrderRecord read(Readable row) {
		return new OrderRecord(row.get("id", UUID.class), row.get("buyer_id", UUID.class),
				row.get("event_id", UUID.class), row.get("hold_id", String.class),
				OrderStatus.valueOf(row.get("status", String.class)), SagaStep.valueOf(row.get("step", String.class)),
				row.get("total_cents", Long.class), row.get("currency", String.class),
				row.get("payment_token", String.class), row.get("idempotency_key", String.class),
				row.get("failure_reason", String.class), Boolean.TRUE.equals(row.get("redis_pending", Boolean.class)),
				row.get("created_at", Instant.class), row.get("updated_at", Instant.class), List.of(), List.of(),
				Units.decode(row.get("units", String.class)));
	}

	private static TicketView ticket(Readable row) {
		return new TicketView(row.get("id", UUID.class), row.get("order_id", UUID.class),
				row.get("event_id", UUID.class), row.get("seat_id", String.class),
				row.get("ticket_type_id", UUID.class), row.get("code", String.class), row.get("status", String.class));
	}

}
