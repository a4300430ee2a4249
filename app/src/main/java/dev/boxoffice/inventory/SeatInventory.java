package dev.boxoffice.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/** The seats of published events: creating them, counting them, listing them. */
@Service
public class SeatInventory {

	private static final Logger log = LoggerFactory.getLogger(SeatInventory.class);

	private static final String SEAT_RECORD = "SELECT seat_id, section_code, row_label, number, price_cents, status, "
			+ "version FROM seats";

	private final DatabaseClient db;

	private final HoldIndex held;

	SeatInventory(DatabaseClient db, HoldIndex held) {
		this.db = db;
		this.held = held;
	}

	/**
	 * Creates the seats of an event going on sale, AVAILABLE at version 0, in layout
	 * order, with one statement. Runs in the caller's transaction.
	 * @return how many seats were created
	 */
	public Mono<Long> materialize(UUID eventId, NewSeats seats) {
		return this.db
			.sql("""
					INSERT INTO seats (event_id, seat_id, section_code, row_label, number, price_cents, accessible, position)
					SELECT :event, seat, section, row_label, number, price, accessible, position
					FROM unnest(CAST(:seats AS text[]), CAST(:sections AS text[]), CAST(:rows AS text[]),
					            CAST(:numbers AS int[]), CAST(:prices AS int[]), CAST(:accessible AS boolean[]))
					     WITH ORDINALITY AS s(seat, section, row_label, number, price, accessible, position)
					""")
			.bind("event", eventId)
			.bind("seats", seats.ids.toArray(String[]::new))
			.bind("sections", seats.sections.toArray(String[]::new))
			.bind("rows", seats.rows.toArray(String[]::new))
			.bind("numbers", seats.numbers.toArray(Integer[]::new))
			.bind("prices", seats.prices.toArray(Integer[]::new))
			.bind("accessible", seats.accessible.toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Live counts: sold from PostgreSQL, held from Redis. A seat both held and sold (for
	 * the moment between a sale's commit and the end of its hold) counts as sold.
	 */
	public Mono<SeatCounts> counts(UUID eventId) {
		return this.held.held(eventId)
			.flatMap((heldIds) -> this.db.sql("""
					SELECT count(*) AS capacity, count(*) FILTER (WHERE status = 'SOLD') AS sold,
					       count(*) FILTER (WHERE status = 'AVAILABLE' AND seat_id = ANY(CAST(:held AS text[]))) AS held
					FROM seats WHERE event_id = :event
					""")
				.bind("event", eventId)
				.bind("held", heldIds.toArray(String[]::new))
				.map((row) -> SeatCounts.of(number(row, "capacity"), number(row, "held"), number(row, "sold")))
				.one());
	}

	/**
	 * Live counts per section, as {@link #counts} (a seat both held and sold counts as
	 * sold).
	 */
	public Mono<Map<String, SeatCounts>> countsBySection(UUID eventId) {
		return this.held.held(eventId)
			.flatMap((heldIds) -> this.db.sql("""
					SELECT section_code, count(*) AS capacity, count(*) FILTER (WHERE status = 'SOLD') AS sold,
					       count(*) FILTER (WHERE status = 'AVAILABLE' AND seat_id = ANY(CAST(:held AS text[]))) AS held
					FROM seats WHERE event_id = :event GROUP BY section_code
					""")
				.bind("event", eventId)
				.bind("held", heldIds.toArray(String[]::new))
				.map((row) -> Map.entry(row.get("section_code", String.class),
						SeatCounts.of(number(row, "capacity"), number(row, "held"), number(row, "sold"))))
				.all()
				.collectMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Counts cheap enough to read every second during a sale: capacity and sold from
	 * PostgreSQL, held as the size of the held set (no list of seats read). A seat still
	 * in the held set for the moment after its sale counts as both, so {@code available}
	 * may be low by that many for that moment.
	 */
	public Mono<SeatCounts> quickCounts(UUID eventId) {
		return Mono
			.zip(this.db.sql("""
					SELECT count(*) AS capacity, count(*) FILTER (WHERE status = 'SOLD') AS sold
					FROM seats WHERE event_id = :event
					""")
				.bind("event", eventId)
				.map((row) -> new long[] { number(row, "capacity"), number(row, "sold") })
				.one(), this.held.heldCount(eventId))
			.map((found) -> SeatCounts.of(found.getT1()[0],
					Math.min(found.getT2(), found.getT1()[0] - found.getT1()[1]), found.getT1()[1]));
	}

	/**
	 * Every seat in layout order with its status. The rows are read at once, so the
	 * database connection goes back to the pool before the (possibly slow) client has
	 * read the response; the list is then written out as it is encoded. The held seats
	 * are read from Redis once, first.
	 */
	public Flux<SeatView> seats(UUID eventId) {
		return this.held.held(eventId)
			.flatMap((heldIds) -> this.db
				.sql("SELECT seat_id, section_code, row_label, number, price_cents, accessible, status "
						+ "FROM seats WHERE event_id = :event ORDER BY position")
				.bind("event", eventId)
				.map((row) -> seat(row, heldIds))
				.all()
				.collectList())
			.flatMapIterable((seats) -> seats);
	}

	/** The stored seats among {@code seatIds}; unknown ids are simply absent. */
	public Flux<SeatRecord> lookup(UUID eventId, Collection<String> seatIds) {
		return this.db.sql(SEAT_RECORD + " WHERE event_id = :event AND seat_id = ANY(CAST(:seats AS text[]))")
			.bind("event", eventId)
			.bind("seats", seatIds.toArray(String[]::new))
			.map(SeatInventory::record)
			.all();
	}

	/** Whether the event has seats in that section. */
	public Mono<Boolean> hasSection(UUID eventId, String section) {
		return this.db
			.sql("SELECT EXISTS (SELECT 1 FROM seats WHERE event_id = :event AND section_code = :section) AS known")
			.bind("event", eventId)
			.bind("section", section)
			.map((row) -> Boolean.TRUE.equals(row.get("known", Boolean.class)))
			.one();
	}

	/** Seats read per page when looking for free seats in a section. */
	private static final int PAGE = 200;

	/**
	 * One page of the free seats of a section as a single row of arrays, in layout order:
	 * a page of separate rows cost a row's worth of decoding and signalling per seat, and
	 * was most of the CPU of a best-available hold (docs/performance.md).
	 */
	private static final String FREE_PAGE = """
			SELECT array_agg(seat_id ORDER BY position) AS ids, array_agg(row_label ORDER BY position) AS rows,
			       array_agg(number ORDER BY position) AS numbers, array_agg(price_cents ORDER BY position) AS prices,
			       array_agg(version ORDER BY position) AS versions, count(*) AS found, max(position) AS last
			FROM (SELECT seat_id, row_label, number, price_cents, version, position FROM seats
			      WHERE event_id = :event AND section_code = :section AND status = 'AVAILABLE' AND position > :after
			      ORDER BY position LIMIT %d) AS page
			""".formatted(PAGE);

	/**
	 * At least {@code wanted} seats of a section neither sold nor held (fewer if the
	 * section has no more), in layout order. Reads the section a page at a time from the
	 * front and asks Redis about just those seats, so the cost follows how far the free
	 * seats are, not the size of the section or how many seats the event has on hold.
	 */
	public Mono<List<SeatRecord>> freeInSection(UUID eventId, String section, int wanted) {
		return freeInSection(eventId, section, wanted, -1, new ArrayList<>());
	}

	private Mono<List<SeatRecord>> freeInSection(UUID eventId, String section, int wanted, int after,
			List<SeatRecord> found) {
		return this.db.sql(FREE_PAGE)
			.bind("event", eventId)
			.bind("section", section)
			.bind("after", after)
			.map((row) -> FreePage.of(section, row))
			.one()
			.flatMap((page) -> {
				if (page.seats().isEmpty()) {
					return Mono.just(found);
				}
				List<String> ids = page.seats().stream().map(SeatRecord::id).toList();
				return this.held.among(eventId, ids).flatMap((heldIds) -> {
					page.seats().stream().filter((seat) -> !heldIds.contains(seat.id())).forEach(found::add);
					boolean more = page.seats().size() == PAGE && found.size() < wanted;
					return more ? freeInSection(eventId, section, wanted, page.last(), found) : Mono.just(found);
				});
			});
	}

	/** A page of free seats and the layout position of its last one. */
	private record FreePage(List<SeatRecord> seats, int last) {

		static FreePage of(String section, Readable row) {
			if (number(row, "found") == 0) {
				return new FreePage(List.of(), -1);
			}
			String[] ids = row.get("ids", String[].class);
			String[] rows = row.get("rows", String[].class);
			Integer[] numbers = row.get("numbers", Integer[].class);
			Integer[] prices = row.get("prices", Integer[].class);
			Long[] versions = row.get("versions", Long[].class);
			List<SeatRecord> seats = new ArrayList<>(ids.length);
			for (int i = 0; i < ids.length; i++) {
				seats.add(new SeatRecord(ids[i], section, rows[i], numbers[i], prices[i], false, versions[i]));
			}
			return new FreePage(seats, number(row, "last").intValue());
		}

	}

	/**
	 * Brings PostgreSQL's statistics of the seats table up to date, after a layout was
	 * added. Without them the planner takes an event's thousands of seats for a handful
	 * and finds the seats of a sale by scanning every free seat of the event (tens of
	 * milliseconds per purchase for a 60,000-seat event, instead of a tenth of one);
	 * autovacuum catches up only a minute or more later, or, on a large table, not until
	 * a tenth of it has changed — too late for a sale that opens at once. A failure here
	 * costs only speed, so it is logged and the publication stands.
	 */
	public Mono<Void> refreshStatistics() {
		return this.db.sql("ANALYZE seats").then().onErrorResume((failure) -> {
			log.warn("Could not refresh the statistics of the seats table: {}", failure.toString());
			return Mono.empty();
		});
	}

	/**
	 * Sold seats become AVAILABLE again (version + 1). Runs in the caller's transaction.
	 */
	public Mono<Long> unsell(UUID eventId, Collection<String> seatIds) {
		return this.db.sql("""
				UPDATE seats SET status = 'AVAILABLE', version = version + 1
				WHERE event_id = :event AND seat_id = ANY(CAST(:seats AS text[])) AND status = 'SOLD'
				""").bind("event", eventId).bind("seats", seatIds.toArray(String[]::new)).fetch().rowsUpdated();
	}

	private static SeatRecord record(Readable row) {
		return new SeatRecord(row.get("seat_id", String.class), row.get("section_code", String.class),
				row.get("row_label", String.class), number(row, "number").intValue(),
				number(row, "price_cents").intValue(), "SOLD".equals(row.get("status", String.class)),
				number(row, "version"));
	}

	private static SeatView seat(Readable row, Set<String> heldIds) {
		String id = row.get("seat_id", String.class);
		SeatStatus status = "SOLD".equals(row.get("status", String.class)) ? SeatStatus.SOLD
				: heldIds.contains(id) ? SeatStatus.HELD : SeatStatus.AVAILABLE;
		return new SeatView(id, row.get("section_code", String.class), row.get("row_label", String.class),
				number(row, "number").intValue(), number(row, "price_cents").intValue(),
				Boolean.TRUE.equals(row.get("accessible", Boolean.class)), status);
	}

	private static Long number(Readable row, String column) {
		Number value = row.get(column, Number.class);
		return (value != null) ? value.longValue() : 0L;
	}

}
