package dev.boxoffice.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.inventory.NewSeats;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Venues, sections and seats. Seats go in with one statement whatever their number. */
@Repository
class VenueRepository {

	private final DatabaseClient db;

	VenueRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<UUID> insertVenue(UUID organizerId, VenueRequest request, int capacity) {
		return this.db
			.sql("INSERT INTO venues (organizer_id, name, city, address, capacity) "
					+ "VALUES (:organizer, :name, :city, :address, :capacity) RETURNING id")
			.bind("organizer", organizerId)
			.bind("name", request.name().strip())
			.bind("city", request.city().strip())
			.bind("address", request.address() == null ? "" : request.address().strip())
			.bind("capacity", capacity)
			.map((row) -> row.get("id", UUID.class))
			.one();
	}

	Mono<Long> insertSections(UUID venueId, List<VenueRequest.Section> sections) {
		List<String> codes = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<Integer> prices = new ArrayList<>();
		for (VenueRequest.Section section : sections) {
			codes.add(section.code());
			names.add(section.name() == null ? section.code() : section.name().strip());
			prices.add(section.priceCents());
		}
		return this.db
			.sql("""
					INSERT INTO venue_sections (venue_id, code, name, price_cents, position)
					SELECT :venue, code, name, price, position
					FROM unnest(CAST(:codes AS text[]), CAST(:names AS text[]), CAST(:prices AS int[])) WITH ORDINALITY AS s(code, name, price, position)
					""")
			.bind("venue", venueId)
			.bind("codes", codes.toArray(String[]::new))
			.bind("names", names.toArray(String[]::new))
			.bind("prices", prices.toArray(Integer[]::new))
			.fetch()
			.rowsUpdated();
	}

	Mono<Long> insertSeats(UUID venueId, VenueLayout layout) {
		return this.db
			.sql("""
					INSERT INTO venue_seats (venue_id, seat_id, section_code, row_label, number, accessible, position)
					SELECT :venue, seat, section, row_label, number, accessible, position
					FROM unnest(CAST(:seats AS text[]), CAST(:sections AS text[]), CAST(:rows AS text[]), CAST(:numbers AS int[]),
					            CAST(:accessible AS boolean[]))
					     WITH ORDINALITY AS s(seat, section, row_label, number, accessible, position)
					""")
			.bind("venue", venueId)
			.bind("seats", layout.seatIds.toArray(String[]::new))
			.bind("sections", layout.sections.toArray(String[]::new))
			.bind("rows", layout.rows.toArray(String[]::new))
			.bind("numbers", layout.numbers.toArray(Integer[]::new))
			.bind("accessible", layout.accessible.toArray(Boolean[]::new))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * The venue's seats in layout order, at the event's prices (or else the sections').
	 */
	Mono<NewSeats> seatsFor(UUID venueId, UUID eventId, List<String> sections) {
		return this.db
			.sql("""
					SELECT s.seat_id, s.section_code, s.row_label, s.number, COALESCE(p.price_cents, sec.price_cents) AS price,
					       s.accessible
					FROM venue_seats s
					JOIN venue_sections sec ON sec.venue_id = s.venue_id AND sec.code = s.section_code
					LEFT JOIN event_prices p ON p.event_id = :event AND p.section_code = s.section_code
					WHERE s.venue_id = :venue AND s.section_code = ANY(CAST(:sections AS text[])) ORDER BY s.position
					""")
			.bind("venue", venueId)
			.bind("event", eventId)
			.bind("sections", sections.toArray(String[]::new))
			.map((row) -> new Object[] { row.get("seat_id", String.class), row.get("section_code", String.class),
					row.get("row_label", String.class), row.get("number", Integer.class),
					row.get("price", Integer.class), row.get("accessible", Boolean.class) })
			.all()
			.collect(NewSeats::new, (seats, seat) -> seats.add((String) seat[0], (String) seat[1], (String) seat[2],
					(Integer) seat[3], (Integer) seat[4], Boolean.TRUE.equals(seat[5])));
	}

	Mono<VenueView> find(UUID venueId) {
		Mono<List<VenueView.SectionView>> sections = this.db
			.sql("""
					SELECT sec.code, sec.name, sec.price_cents, count(s.seat_id) AS seats
					FROM venue_sections sec LEFT JOIN venue_seats s ON s.venue_id = sec.venue_id AND s.section_code = sec.code
					WHERE sec.venue_id = :venue GROUP BY sec.code, sec.name, sec.price_cents, sec.position ORDER BY sec.position
					""")
			.bind("venue", venueId)
			.map((row) -> new VenueView.SectionView(row.get("code", String.class), row.get("name", String.class),
					row.get("price_cents", Integer.class), row.get("seats", Long.class).intValue()))
			.all()
			.collectList();
		return this.db.sql("SELECT id, organizer_id, name, city, address, capacity FROM venues WHERE id = :venue")
			.bind("venue", venueId)
			.map((row) -> new VenueView(row.get("id", UUID.class), row.get("organizer_id", UUID.class),
					row.get("name", String.class), row.get("city", String.class), row.get("address", String.class),
					row.get("capacity", Integer.class), List.of()))
			.one()
			.zipWith(sections, (venue, list) -> new VenueView(venue.id(), venue.organizerId(), venue.name(),
					venue.city(), venue.address(), venue.capacity(), list));
	}

}
