package dev.boxoffice.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts.Session;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.reactive.server.WebTestClient;

/** Venues and events made through the API, as an organizer would. */
public final class Catalog {

	private final WebTestClient client;

	public Catalog(WebTestClient client) {
		this.client = client;
	}

	/** A section {@code code} of {@code rows} rows of {@code seatsPerRow} seats. */
	public static Map<String, Object> section(String code, int priceCents, int rows, int seatsPerRow) {
		List<Map<String, Object>> layout = new ArrayList<>();
		for (int row = 1; row <= rows; row++) {
			layout.add(Map.of("label", Integer.toString(row), "seats", seatsPerRow));
		}
		return Map.of("code", code, "name", "Section " + code, "priceCents", priceCents, "rows", layout);
	}

	public static Map<String, Object> venue(String city, List<Map<String, Object>> sections) {
		return Map.of("name", "Venue " + UUID.randomUUID(), "city", city, "address", "1 Test Street", "sections",
				sections);
	}

	public UUID createVenue(Session organizer, Map<String, Object> venue) {
		return UUID.fromString(this.client.post()
			.uri("/api/venues")
			.header("Authorization", organizer.bearer())
			.bodyValue(venue)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("id")
			.asString());
	}

	/**
	 * An event body at the venue, starting {@code inDays} days from now at a whole hour.
	 */
	public static Map<String, Object> event(UUID venueId, String title, String category, int inDays) {
		Instant starts = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(inDays));
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("venueId", venueId.toString());
		event.put("title", title);
		event.put("description", "About " + title);
		event.put("category", category);
		event.put("startsAt", starts.toString());
		event.put("endsAt", starts.plus(Duration.ofHours(2)).toString());
		event.put("currency", "EUR");
		return event;
	}

	public UUID createEvent(Session organizer, Map<String, Object> event) {
		return UUID.fromString(this.client.post()
			.uri("/api/events")
			.header("Authorization", organizer.bearer())
			.bodyValue(event)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("id")
			.asString());
	}

	public JsonNode publish(Session organizer, UUID eventId) {
		return this.client.post()
			.uri("/api/events/{id}/publish", eventId)
			.header("Authorization", organizer.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * A published event of one small section (rows × seatsPerRow seats) in a venue of its
	 * own.
	 */
	public UUID eventOnSale(Session organizer, String city, int rows, int seatsPerRow) {
		UUID venue = createVenue(organizer, venue(city, List.of(section("A", 5000, rows, seatsPerRow))));
		UUID event = createEvent(organizer, event(venue, "Show " + UUID.randomUUID(), "music", 10));
		publish(organizer, event);
		return event;
	}

	/**
	 * A published event of general admission only: one type "Floor" at {@code priceCents}
	 * on one pool "floor" of {@code capacity} places, in a venue of its own (whose seats
	 * it does not sell).
	 */
	public UUID placesOnSale(Session organizer, int capacity, int priceCents) {
		UUID venue = createVenue(organizer, venue("Lyon", List.of(section("A", 5000, 1, 2))));
		Map<String, Object> body = event(venue, "Club " + UUID.randomUUID(), "music", 10);
		body.put("pools", List.of(Map.of("name", "floor", "capacity", capacity)));
		body.put("ticketTypes", List.of(Map.of("name", "Floor", "kind", "GENERAL_ADMISSION", "pools", List.of("floor"),
				"priceCents", priceCents)));
		UUID event = createEvent(organizer, body);
		publish(organizer, event);
		return event;
	}

	/** Cancels the event as its organizer; fails the test unless 200. */
	public void cancel(Session organizer, UUID eventId) {
		this.client.post()
			.uri("/api/events/{id}/cancel", eventId)
			.header("Authorization", organizer.bearer())
			.exchange()
			.expectStatus()
			.isOk();
	}

}
