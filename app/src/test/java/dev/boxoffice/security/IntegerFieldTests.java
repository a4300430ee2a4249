package dev.boxoffice.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A number with a fraction in a field that holds a whole number (cents, seats, a seat
 * number, a quantity) is refused as malformed, never rounded: {@code priceCents: 1.5} was
 * stored as 1. Nothing is stored or held.
 */
@IntegrationTest
@Tag("security")
class IntegerFieldTests {

	/**
	 * Stands for the number in a body; replaced, quotes and all, once the body is JSON.
	 */
	private static final String NUMBER = "@number@";

	@Autowired
	WebTestClient client;

	@Test
	void aFractionInAnyWholeNumberFieldOfAVenueIsRefusedAndNothingIsStored() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		List<Function<String, Map<String, Object>>> fields = List.of(
				(name) -> venue(name, Map.of("label", "1", "seats", 4), NUMBER),
				(name) -> venue(name, Map.of("label", "1", "seats", NUMBER), 100),
				(name) -> venue(name, Map.of("label", "1", "numbers", List.of(1, NUMBER)), 100),
				(name) -> venue(name, Map.of("label", "1", "seats", 4, "accessible", List.of(NUMBER)), 100));
		for (Function<String, Map<String, Object>> field : fields) {
			for (String fraction : Generated.some(3, IntegerFieldTests::fraction)) {
				String name = "Venue " + UUID.randomUUID();
				String body = JsonMapper.shared()
					.writeValueAsString(field.apply(name))
					.replace("\"" + NUMBER + "\"", fraction);
				assertMalformed(post("/api/venues", organizer, body), body);
				assertThat(venuesNamed(organizer, name)).as(body).isZero();
			}
		}
	}

	@Test
	void aFractionInAnEventsPricesOrAHoldsQuantityIsRefusedAndNothingIsStored() throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID venue = new Catalog(this.client).createVenue(organizer,
				Catalog.venue("Lyon", List.of(Catalog.section("A", 5000, 1, 10))));
		UUID onSale = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 10);
		Session buyer = new Accounts(this.client).newUser();
		for (String fraction : Generated.some(4, IntegerFieldTests::fraction)) {
			String title = "Show " + UUID.randomUUID();
			Map<String, Object> event = Catalog.event(venue, title, "music", 10);
			event.put("prices", Map.of("A", NUMBER));
			String body = JsonMapper.shared().writeValueAsString(event).replace("\"" + NUMBER + "\"", fraction);
			assertMalformed(post("/api/events", organizer, body), body);
			assertThat(Booking.scalar("SELECT count(*) FROM events WHERE title = ?", title)).as(body).isEqualTo(0L);

			String hold = "{\"section\":\"A\",\"quantity\":" + fraction + "}";
			assertMalformed(post("/api/events/" + onSale + "/holds", buyer, hold), hold);
		}
		assertThat(
				new Booking(this.client).hold(buyer.bearer(), onSale, Map.of("section", "A", "quantity", 1)).status())
			.as("a whole quantity still holds")
			.isEqualTo(201);
		JsonNode counts = this.client.get()
			.uri("/api/events/{id}", onSale)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("counts");
		assertThat(counts.path("held").asInt()).as("only the whole quantity was held").isEqualTo(1);
	}

	/** A number with a non-zero fraction, as JSON writes it. */
	static String fraction() {
		String sign = Generated.chance(0.2) ? "-" : "";
		return switch (Generated.between(0, 2)) {
			case 0 -> sign + Generated.between(0, 100_000) + "." + Generated.between(1, 9);
			case 1 ->
				sign + Generated.between(0, 99) + "." + Generated.text("0123456789", Generated.between(1, 6)) + "1";
			default -> sign + Generated.between(1, 9) + "." + Generated.between(1, 9) + "e-" + Generated.between(1, 3);
		};
	}

	private static Map<String, Object> venue(String name, Map<String, Object> row, Object priceCents) {
		return Map.of("name", name, "city", "Lyon", "sections",
				List.of(Map.of("code", "A", "name", "Stalls", "priceCents", priceCents, "rows", List.of(row))));
	}

	private static void assertMalformed(EntityExchangeResult<JsonNode> answer, String body) {
		assertThat(answer.getStatus().value()).as(body).isEqualTo(400);
		assertThat(answer.getResponseBody().path("type").asString()).as(body)
			.isEqualTo("urn:boxoffice:problem:malformed-request");
		assertThat(answer.getResponseBody().path("detail").asString()).as(body).contains("a whole number is expected");
	}

	private EntityExchangeResult<JsonNode> post(String path, Session caller, String body) {
		return this.client.post()
			.uri(path)
			.header("Authorization", caller.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult();
	}

	private long venuesNamed(Session organizer, String name) {
		try {
			return (Long) Booking.scalar("SELECT count(*) FROM venues WHERE name = ? AND organizer_id = ?", name,
					organizer.userId());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
