package dev.boxoffice.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sets a run up through the public API, before the measured part starts: signs in as the
 * administrator, creates a venue and an event on sale, and registers buyers.
 * <p>
 * Buyers are provisioned by registering and signing in, a few at a time. That costs two
 * password hashes each, at the target's BCrypt strength: the application's {@code bench}
 * profile lowers it to 4 (about a millisecond) so that thousands of buyers are ready in
 * seconds; against a deployment with production strength, provisioning is slower but
 * still happens before, and outside, the measured window.
 */
final class BenchApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** How many times a set-up call refused as busy (503) is made in all. */
	private static final int BUSY_TRIES = 30;

	private final String baseUrl;

	private final HttpClient http;

	private final ExecutorService executor;

	private final String adminToken;

	private BenchApi(String baseUrl) {
		this.baseUrl = baseUrl;
		// Runs the provisioning calls, 16 at a time. (The HTTP client keeps its own
		// threads:
		// sharing these would deadlock, each waiting for a response only the pool could
		// read.)
		this.executor = Executors.newFixedThreadPool(16, (task) -> {
			Thread thread = new Thread(task, "bench-setup");
			thread.setDaemon(true);
			return thread;
		});
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		this.adminToken = signIn(LoadSettings.adminEmail(), LoadSettings.adminPassword());
	}

	static BenchApi connect() {
		return new BenchApi(LoadSettings.baseUrl());
	}

	String baseUrl() {
		return this.baseUrl;
	}

	/** The administrator's access token, bare (for clients that write the header). */
	String adminToken() {
		return this.adminToken;
	}

	String adminBearer() {
		return "Bearer " + this.adminToken;
	}

	/**
	 * An event on sale whose venue has {@code seats} seats, 50 to a row, 20 rows to a
	 * section.
	 */
	Event eventOnSale(String title, int seats) {
		String eventId = publish(event(venue(title, seats), title));
		List<String> seatIds = new ArrayList<>();
		List<String> sectionCodes = new ArrayList<>();
		for (JsonNode seat : send("GET", "/api/events/" + eventId + "/seats", null, 200)) {
			seatIds.add(seat.path("id").asString());
			String code = seat.path("section").asString();
			if (!sectionCodes.contains(code)) {
				sectionCodes.add(code);
			}
		}
		return new Event(eventId, List.copyOf(seatIds), List.copyOf(sectionCodes), null);
	}

	/**
	 * An event on sale that sells general-admission places only: one ticket type drawn on
	 * one pool of {@code places} (the venue has a seat, not sold).
	 */
	Event placesOnSale(String title, int places) {
		Map<String, Object> event = event(venue(title, 1), title);
		event.put("pools", List.of(Map.of("name", "floor", "capacity", places)));
		event.put("ticketTypes", List.of(Map.of("name", "Standing", "kind", "GENERAL_ADMISSION", "pools",
				List.of("floor"), "priceCents", 4500)));
		String eventId = publish(event);
		JsonNode type = send("GET", "/api/events/" + eventId, null, 200).path("ticketTypes").path(0);
		return new Event(eventId, List.of(), List.of(), new Places(type.path("id").asString()));
	}

	/** A venue of {@code seats} seats, 50 to a row, 20 rows to a section: its id. */
	private String venue(String title, int seats) {
		List<Map<String, Object>> sections = new ArrayList<>();
		int left = seats;
		int section = 0;
		while (left > 0) {
			List<Map<String, Object>> rows = new ArrayList<>();
			for (int row = 1; row <= 20 && left > 0; row++) {
				int inRow = Math.min(50, left);
				rows.add(Map.of("label", Integer.toString(row), "seats", inRow));
				left -= inRow;
			}
			sections.add(Map.of("code", sectionCode(section++), "name", "Section " + section, "priceCents", 4500,
					"rows", rows));
		}
		Map<String, Object> venue = new LinkedHashMap<>();
		venue.put("name", title + " arena");
		venue.put("city", "Benchville");
		venue.put("address", "1 Load Street");
		venue.put("sections", sections);
		return send("POST", "/api/venues", venue, 201).path("id").asString();
	}

	/** A new event at the venue, a month from now. */
	private static Map<String, Object> event(String venueId, String title) {
		Instant start = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("venueId", venueId);
		event.put("title", title);
		event.put("description", "Load test " + UUID.randomUUID());
		event.put("category", "bench");
		event.put("startsAt", start.toString());
		event.put("endsAt", start.plus(3, ChronoUnit.HOURS).toString());
		event.put("currency", "EUR");
		return event;
	}

	/** Creates the event and publishes it: its id. */
	private String publish(Map<String, Object> event) {
		String eventId = send("POST", "/api/events", event, 201).path("id").asString();
		send("POST", "/api/events/" + eventId + "/publish", null, 200);
		return eventId;
	}

	/**
	 * An event on sale: its id, its seat ids in layout order and its section codes; or,
	 * for one that sells general-admission places, no seats and its {@code places}.
	 */
	record Event(String id, List<String> seatIds, List<String> sections, @Nullable Places places) {
	}

	/**
	 * What a general-admission sale sells: one ticket type (its pool is checked at the
	 * end).
	 */
	record Places(String ticketTypeId) {
	}

	/**
	 * {@code count} buyers' access tokens. With {@code -Dbuyers-file}, buyers saved there
	 * by an earlier run are used again (while their tokens last) and new ones are added
	 * to it, so a series of simulations provisions each buyer once.
	 */
	List<String> buyers(int count) {
		String file = LoadSettings.text("buyers-file", "");
		if (file.isEmpty()) {
			return provision(count);
		}
		try {
			Path path = Path.of(file);
			List<String> saved = Files.exists(path) ? Files.readAllLines(path) : List.of();
			if (saved.size() >= count) {
				return List.copyOf(saved.subList(0, count));
			}
			List<String> all = new ArrayList<>(saved);
			all.addAll(provision(count - saved.size()));
			Files.write(path, all);
			return all;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Registers and signs in {@code count} buyers, 16 at a time; their access tokens. */
	private List<String> provision(int count) {
		List<CompletableFuture<String>> tokens = new ArrayList<>();
		String run = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < count; i++) {
			String email = "buyer-" + run + "-" + i + "@bench.boxoffice.test";
			String password = "bench-password-" + i;
			tokens.add(CompletableFuture.supplyAsync(() -> {
				send("POST", "/api/auth/register", Map.of("email", email, "password", password, "name", "Buyer"), 201,
						null);
				return signIn(email, password);
			}, this.executor));
		}
		return tokens.stream().map(CompletableFuture::join).toList();
	}

	/** The event's audit report. */
	JsonNode audit(String eventId) {
		return send("GET", "/api/admin/events/" + eventId + "/audit", null, 200);
	}

	/**
	 * The text a public {@code GET path} answers (the metrics scrape, say); "" if it
	 * fails.
	 */
	String publicText(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private String signIn(String email, String password) {
		return send("POST", "/api/auth/login", Map.of("email", email, "password", password), 200, null)
			.path("accessToken")
			.asString();
	}

	private JsonNode send(String method, String path, Object body, int expected) {
		return send(method, path, body, expected, adminBearer());
	}

	private JsonNode send(String method, String path, Object body, int expected, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json");
		if (bearer != null) {
			request.header("Authorization", bearer);
		}
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			// Busy (admission control): asked again after the second it says, as any
			// client.
			for (int tries = 1; response.statusCode() == 503 && tries < BUSY_TRIES; tries++) {
				Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
				response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
			if (response.statusCode() != expected) {
				throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
						+ " instead of " + expected + ": " + response.body());
			}
			return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during " + method + " " + path, ex);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex.getMessage(), ex);
		}
	}

	private static String sectionCode(int index) {
		StringBuilder code = new StringBuilder();
		int n = index;
		do {
			code.insert(0, (char) ('A' + n % 26));
			n = n / 26 - 1;
		}
		while (n >= 0);
		return code.toString();
	}

}
