package dev.boxoffice.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Climbing: granting oneself a role, and mass assignment — members a client adds to a
 * body in the hope the service stores them (roles, an owner, an id, a status, a price, an
 * expiry). A generated handful of such members rides on each request; none takes effect.
 */
@IntegrationTest
@Tag("security")
class EscalationTests {

	@Autowired
	WebTestClient client;

	@Test
	void noAccountGrantsItselfARole() {
		Session user = new Accounts(this.client).newUser();
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		for (Session caller : List.of(user, organizer)) {
			this.client.put()
				.uri("/api/admin/users/{id}/roles", caller.userId())
				.header("Authorization", caller.bearer())
				.bodyValue(Map.of("roles", List.of(Generated.oneOf("ADMIN", "ORGANIZER"))))
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		assertThat(new Accounts(this.client).rolesOf(user)).containsExactly("USER");
		assertThat(new Accounts(this.client).rolesOf(organizer)).containsExactly("ORGANIZER", "USER");
	}

	@Test
	void registeringWithRolesOrAnIdGivesAPlainUser() {
		for (int i = 0; i < 4; i++) {
			String email = Accounts.uniqueEmail("climber");
			Map<String, Object> body = withExtras(
					Map.of("email", email, "password", "correct horse battery", "name", "Climber"));
			JsonNode created = this.client.post()
				.uri("/api/auth/register")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			assertThat(created.path("roles").toString()).as(body.toString()).isEqualTo("[\"USER\"]");
			assertThat(created.path("id").asString()).as(body.toString()).isNotEqualTo(body.get("id"));
			Session session = new Accounts(this.client).login(email, "correct horse battery");
			assertThat(new Accounts(this.client).rolesOf(session)).as(body.toString()).containsExactly("USER");
		}
	}

	@Test
	void venuesAndEventsBelongToWhoeverCreatesThemAndStartAsDrafts() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		Map<String, Object> venue = withExtras(Catalog.venue("Lyon", List.of(Catalog.section("A", 2500, 1, 4))));
		JsonNode createdVenue = post("/api/venues", organizer, venue).getResponseBody();
		assertThat(createdVenue.path("organizerId").asString()).as(venue.toString())
			.isEqualTo(organizer.userId().toString());
		assertThat(createdVenue.path("capacity").asInt()).as(venue.toString()).isEqualTo(4);
		UUID venueId = UUID.fromString(createdVenue.path("id").asString());

		Map<String, Object> event = withExtras(Catalog.event(venueId, "Show " + UUID.randomUUID(), "music", 10));
		JsonNode createdEvent = post("/api/events", organizer, event).getResponseBody();
		assertThat(createdEvent.path("status").asString()).as(event.toString()).isEqualTo("DRAFT");
		assertThat(createdEvent.path("organizerId").asString()).as(event.toString())
			.isEqualTo(organizer.userId().toString());
		String eventId = createdEvent.path("id").asString();
		assertThat(eventId).isNotEqualTo(event.get("id"));

		JsonNode patched = this.client.patch()
			.uri("/api/events/{id}", eventId)
			.header("Authorization", organizer.bearer())
			.bodyValue(withExtras(Map.of("title", "Renamed")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(patched.path("status").asString()).isEqualTo("DRAFT");
		assertThat(patched.path("organizerId").asString()).isEqualTo(organizer.userId().toString());
	}

	@Test
	void aHoldAndAPurchaseAreTheCallersAtTheSeatsPrice() throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 4);
		Session buyer = new Accounts(this.client).newUser();
		Map<String, Object> holdBody = withExtras(Map.of("seatIds", List.of("A-1-1")));
		JsonNode hold = post("/api/events/" + event + "/holds", buyer, holdBody).getResponseBody();
		assertThat(hold.path("totalCents").asInt()).as(holdBody.toString()).isEqualTo(5000);
		assertThat(Instant.parse(hold.path("expiresAt").asString())).as(holdBody.toString())
			.isBefore(Instant.now().plusSeconds(6 * 60));
		Map<String, Object> purchase = withExtras(Map.of("paymentToken", "tok_ok"));
		JsonNode order = this.client.post()
			.uri("/api/holds/{id}/purchase", hold.path("holdId").asString())
			.header("Authorization", buyer.bearer())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.bodyValue(purchase)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(order.path("totalCents").asInt()).as(purchase.toString()).isEqualTo(5000);
		assertThat(Booking.scalar("SELECT buyer_id FROM orders WHERE id = ?::uuid", order.path("orderId").asString()))
			.hasToString(buyer.userId().toString());
	}

	/** The body with a few members it does not have, as an attacker would add them. */
	static Map<String, Object> withExtras(Map<String, Object> body) {
		Map<String, Object> extras = new HashMap<>(
				Map.of("roles", List.of("ADMIN"), "role", "ADMIN", "id", UUID.randomUUID().toString(), "organizerId",
						UUID.randomUUID().toString(), "buyerId", UUID.randomUUID().toString(), "userId",
						UUID.randomUUID().toString(), "status", Generated.oneOf("ON_SALE", "CONFIRMED", "CANCELLED"),
						"priceCents", 1, "totalCents", 1, "expiresAt", "2099-01-01T00:00:00Z"));
		extras.putAll(Map.of("capacity", 1, "passwordHash", "$2a$04$x", "admin", true, "version", 99));
		Map<String, Object> forged = new HashMap<>(body);
		for (String member : Generated.some(Generated.between(3, 8),
				() -> Generated.oneOf(List.copyOf(extras.keySet())))) {
			forged.putIfAbsent(member, extras.get(member));
		}
		return forged;
	}

	private EntityExchangeResult<JsonNode> post(String path, Session caller, Map<String, Object> body) {
		return this.client.post()
			.uri(path)
			.header("Authorization", caller.bearer())
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult();
	}

}
