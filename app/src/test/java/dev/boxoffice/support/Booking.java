package dev.boxoffice.support;

import java.sql.Connection;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Holds and purchases through the API, and looks at what they left in PostgreSQL and
 * Redis.
 */
public final class Booking {

	private final WebTestClient client;

	public Booking(WebTestClient client) {
		this.client = client;
	}

	/** The result of a hold or purchase: status and body. */
	public record Answer(int status, JsonNode body) {
	}

	public Answer hold(String bearer, UUID eventId, Map<String, Object> request) {
		EntityExchangeResult<JsonNode> result = this.client.post()
			.uri("/api/events/{id}/holds", eventId)
			.header("Authorization", bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult();
		return new Answer(result.getStatus().value(), result.getResponseBody());
	}

	/** Holds exactly these seats; fails the test if it cannot. */
	public String holdSeats(String bearer, UUID eventId, String... seatIds) {
		Answer answer = hold(bearer, eventId, Map.of("seatIds", List.of(seatIds)));
		if (answer.status() != 201) {
			throw new AssertionError("hold failed: " + answer);
		}
		return answer.body().path("holdId").asString();
	}

	public Answer purchase(String bearer, String holdId, String paymentToken, String idempotencyKey) {
		EntityExchangeResult<JsonNode> result = this.client.post()
			.uri("/api/holds/{id}/purchase", holdId)
			.header("Authorization", bearer)
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("paymentToken", paymentToken))
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult();
		return new Answer(result.getStatus().value(), result.getResponseBody());
	}

	/**
	 * Starts a purchase (paying with {@code tok_ok}) and hangs up after 500 ms without
	 * waiting for the answer, as a client that timed out or lost its connection would.
	 */
	public void purchaseAndHangUp(String bearer, String holdId, String idempotencyKey) {
		try {
			this.client.mutate()
				.responseTimeout(Duration.ofMillis(500))
				.build()
				.post()
				.uri("/api/holds/{id}/purchase", holdId)
				.header("Authorization", bearer)
				.header("Idempotency-Key", idempotencyKey)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("paymentToken", "tok_ok"))
				.exchange();
		}
		catch (IllegalStateException hungUp) {
			// No answer within the time: the client gave up, as intended.
		}
	}

	/** Cancels an order; the status of the answer. */
	public int cancel(String bearer, String orderId) {
		return this.client.post()
			.uri("/api/orders/{id}/cancel", orderId)
			.header("Authorization", bearer)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	/** Gives a hold up; the status of the answer. */
	public int release(String bearer, String holdId) {
		return this.client.delete()
			.uri("/api/holds/{id}", holdId)
			.header("Authorization", bearer)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	/** Status and version of each seat in PostgreSQL, as "SOLD/1". */
	public static Map<String, String> seatStates(UUID eventId, String... seatIds) throws Exception {
		Map<String, String> states = new TreeMap<>();
		try (Connection db = TestServices.get().jdbc();
				PreparedStatement query = db.prepareStatement(
						"SELECT seat_id, status, version FROM seats WHERE event_id = ? AND seat_id = ANY (?)")) {
			query.setObject(1, eventId);
			query.setArray(2, db.createArrayOf("text", seatIds));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					states.put(rows.getString(1), rows.getString(2) + "/" + rows.getLong(3));
				}
			}
		}
		return states;
	}

	/** A single value from PostgreSQL. */
	public static Object scalar(String sql, Object... args) throws Exception {
		try (Connection db = TestServices.get().jdbc(); PreparedStatement query = db.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				query.setObject(i + 1, args[i]);
			}
			try (ResultSet row = query.executeQuery()) {
				return row.next() ? row.getObject(1) : null;
			}
		}
	}

	/** Key of one event's data in Redis ("held", "sold", "feed", "seat:A-1-1"). */
	public static String eventKey(UUID eventId, String part) {
		return TestServices.get().keyPrefix() + "{e:" + eventId + "}:" + part;
	}

	/** The statuses the change feed announced for a seat, oldest first. */
	public static List<String> feedOf(UUID eventId, String seatId) {
		return TestServices.get().redis((redis) -> {
			List<String> statuses = new ArrayList<>();
			redis.xrange(eventKey(eventId, "feed"), io.lettuce.core.Range.create("-", "+")).forEach((message) -> {
				if (seatId.equals(message.getBody().get("seat"))) {
					statuses.add(message.getBody().get("status"));
				}
			});
			return statuses;
		});
	}

	/** The codes of the buyer's valid tickets ({@code /api/me/tickets}). */
	public List<String> ticketCodes(String bearer) {
		List<String> codes = new ArrayList<>();
		this.client.get()
			.uri("/api/me/tickets")
			.header("Authorization", bearer)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.forEach((ticket) -> codes.add(ticket.path("code").asString()));
		return codes;
	}

	/** The audit of the event, as its organizer sees it. */
	public JsonNode audit(String organizerBearer, UUID eventId) {
		return this.client.get()
			.uri("/api/admin/events/{id}/audit", eventId)
			.header("Authorization", organizerBearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** The invariants of the event's audit that do not hold, as name=value. */
	public List<String> auditFailures(String organizerBearer, UUID eventId) {
		return audit(organizerBearer, eventId).path("checks")
			.valueStream()
			.filter((check) -> !check.path("ok").asBoolean())
			.map((check) -> check.path("name").asString() + "=" + check.path("value").asLong())
			.toList();
	}

}
