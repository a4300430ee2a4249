package dev.boxoffice.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live counts and seat states merge sales in PostgreSQL with holds in Redis. Sales and
 * holds are written here directly, in the shapes the booking pipeline writes them.
 */
@IntegrationTest
class SeatAvailabilityTests {

	@Autowired
	WebTestClient client;

	@Test
	void countsAndSeatsReflectSalesAndHoldsUntilTheSweepFreesAnExpiredOne() throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 4, 5);
		sell(event, "A-1-1", "A-1-2", "A-1-3");
		long now = System.currentTimeMillis();
		// A-1-3 is still in the held set, as between a sale's commit and the end of its
		// hold.
		String held = TestServices.get().keyPrefix() + "{e:" + event + "}:held";
		TestServices.get().redis((redis) -> {
			redis.zadd(held, now + 60_000, "A-2-1");
			redis.zadd(held, now + 60_000, "A-2-2");
			redis.zadd(held, now + 60_000, "A-1-3");
			return redis.zadd(held, now - 1_000, "A-2-3");
		});

		this.client.get()
			.uri("/api/events/{id}", event)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.counts.capacity")
			.isEqualTo(20)
			.jsonPath("$.counts.sold")
			.isEqualTo(3)
			.jsonPath("$.counts.held")
			.isEqualTo(3)
			.jsonPath("$.counts.available")
			.isEqualTo(14);

		JsonNode seats = this.client.get()
			.uri("/api/events/{id}/seats", event)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		Map<String, String> status = new HashMap<>();
		seats.forEach((seat) -> status.put(seat.path("id").asString(), seat.path("status").asString()));
		assertThat(status).hasSize(20)
			.containsEntry("A-1-1", "SOLD")
			.containsEntry("A-1-3", "SOLD")
			.containsEntry("A-2-1", "HELD")
			.containsEntry("A-2-2", "HELD")
			.containsEntry("A-4-5", "AVAILABLE");
		// A-2-3's hold has run out, but it is free only once the expiry sweep frees it
		// (no hold can take it before): held until then.
		assertThat(status).containsEntry("A-2-3", "HELD");
		assertThat(status.values().stream().filter("AVAILABLE"::equals).count()).isEqualTo(14);

		TestServices.get()
			.redis((redis) -> redis.sadd(TestServices.get().keyPrefix() + "holds:events", event.toString()));
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> this.client.get()
				.uri("/api/events/{id}", event)
				.exchange()
				.expectBody()
				.jsonPath("$.counts.held")
				.isEqualTo(2)
				.jsonPath("$.counts.available")
				.isEqualTo(15));
		assertThat(Booking.feedOf(event, "A-2-3")).containsExactly("AVAILABLE");
	}

	@Test
	void unknownEventsAre404() {
		this.client.get().uri("/api/events/{id}/seats", UUID.randomUUID()).exchange().expectStatus().isNotFound();
		this.client.get().uri("/api/events/not-an-id").exchange().expectStatus().isBadRequest();
	}

	private static void sell(UUID event, String... seatIds) throws Exception {
		try (Connection db = TestServices.get().jdbc();
				PreparedStatement sale = db.prepareStatement(
						"UPDATE seats SET status = 'SOLD', version = version + 1 WHERE event_id = ? AND seat_id = ANY (?)")) {
			sale.setObject(1, event);
			sale.setArray(2, db.createArrayOf("text", seatIds));
			assertThat(sale.executeUpdate()).isEqualTo(seatIds.length);
		}
	}

}
