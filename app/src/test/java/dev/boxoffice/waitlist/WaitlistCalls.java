package dev.boxoffice.waitlist;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The waitlist endpoints as a client calls them: each gives the status and the body. */
final class WaitlistCalls {

	private final WebTestClient client;

	WaitlistCalls(WebTestClient client) {
		this.client = client;
	}

	Answer join(Session buyer, UUID eventId, Map<String, Object> body, String key) {
		return answer(this.client.post()
			.uri("/api/events/{id}/waitlist", eventId)
			.header("Authorization", buyer.bearer())
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult());
	}

	/** Joins for {@code quantity} seats anywhere with a new key; fails unless 201. */
	UUID joined(Session buyer, UUID eventId, int quantity) {
		Answer answer = join(buyer, eventId, Map.of("quantity", quantity), UUID.randomUUID().toString());
		if (answer.status() != 201) {
			throw new AssertionError("join failed: " + answer);
		}
		return UUID.fromString(answer.body().path("entryId").asString());
	}

	Answer mine(Session buyer, UUID eventId) {
		return answer(this.client.get()
			.uri("/api/events/{id}/waitlist/me", eventId)
			.header("Authorization", buyer.bearer())
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult());
	}

	int leave(Session buyer, UUID eventId) {
		return this.client.delete()
			.uri("/api/events/{id}/waitlist/me", eventId)
			.header("Authorization", buyer.bearer())
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	Answer changeTier(Session caller, UUID eventId, UUID entryId, Map<String, Object> body) {
		return answer(this.client.patch()
			.uri("/api/events/{id}/waitlist/{entry}", eventId, entryId)
			.header("Authorization", caller.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult());
	}

	Answer list(Session caller, UUID eventId, String query) {
		return answer(this.client.get()
			.uri("/api/events/" + eventId + "/waitlist" + query)
			.header("Authorization", caller.bearer())
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult());
	}

	private static Answer answer(EntityExchangeResult<JsonNode> result) {
		return new Answer(result.getStatus().value(), result.getResponseBody());
	}

	/** Declines an offer; the answer. */
	Answer decline(Session buyer, String offerId) {
		EntityExchangeResult<JsonNode> result = this.client.post()
			.uri("/api/waitlist/offers/{id}/decline", offerId)
			.header("Authorization", buyer.bearer())
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult();
		return new Answer(result.getStatus().value(), result.getResponseBody());
	}

	/** The user's notifications of {@code type}, oldest first, as their fields. */
	static List<Map<String, String>> notes(Session user, String type) {
		String key = TestServices.get().keyPrefix() + "notes:{u:" + user.userId() + "}";
		return TestServices.get()
			.redis((redis) -> redis.xrange(key, io.lettuce.core.Range.create("-", "+")))
			.stream()
			.map((message) -> message.getBody())
			.filter((body) -> type.equals(body.get("type")))
			.toList();
	}

	/** Waits (up to {@code within}) for the user's first {@code waitlist-offer}. */
	static Map<String, String> offerTo(Session user, Duration within) {
		return Awaitility.await()
			.atMost(within)
			.pollInterval(Duration.ofMillis(25))
			.until(() -> notes(user, "waitlist-offer"), (offers) -> !offers.isEmpty())
			.get(0);
	}

}
