package dev.boxoffice.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies up to 4 MB are read (a venue layout of 80,000 seats listed one by one is about
 * 400 kB), larger ones are a 413 problem on every route that takes a body.
 */
@IntegrationTest
@Tag("security")
class BodyLimitTests {

	@Autowired
	WebTestClient client;

	@Test
	void aVenueOf80000SeatsListedOneByOneIsCreated() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		List<Map<String, Object>> sections = new ArrayList<>();
		List<Integer> numbers = IntStream.rangeClosed(1, 2000).boxed().toList();
		for (String code : List.of("A", "B", "C", "D")) {
			List<Map<String, Object>> rows = new ArrayList<>();
			for (int row = 1; row <= 10; row++) {
				rows.add(Map.of("label", Integer.toString(row), "numbers", numbers));
			}
			sections.add(Map.of("code", code, "name", "Section " + code, "priceCents", 4500, "rows", rows));
		}
		Map<String, Object> venue = Catalog.venue("Lyon", sections);
		assertThat(JsonMapper.shared().writeValueAsBytes(venue).length).as("the layout's size")
			.isGreaterThan(300 * 1024);
		UUID id = new Catalog(this.client).createVenue(organizer, venue);
		JsonNode stored = this.client.get()
			.uri("/api/venues/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(stored.path("capacity").asInt()).isEqualTo(80_000);
	}

	@Test
	void aBodyOverFourMegabytesIs413OnEveryRouteThatTakesOne() {
		String admin = new Accounts(this.client).admin().bearer();
		List<String[]> routes = List.of(new String[] { "POST", "/api/venues" }, new String[] { "POST", "/api/events" },
				new String[] { "PATCH", "/api/events/" + UUID.randomUUID() },
				new String[] { "POST", "/api/events/" + UUID.randomUUID() + "/holds" },
				new String[] { "POST", "/api/holds/h" + "A".repeat(32) + "/purchase" },
				new String[] { "PUT", "/api/admin/users/" + UUID.randomUUID() + "/roles" },
				new String[] { "POST", "/api/auth/register" }, new String[] { "POST", "/api/auth/login" },
				new String[] { "POST", "/api/events/" + UUID.randomUUID() + "/waitlist" },
				new String[] { "PATCH", "/api/events/" + UUID.randomUUID() + "/waitlist/" + UUID.randomUUID() });
		for (String[] route : routes) {
			String body = "{\"name\":\"" + Generated.text("abcdefghij", 4 * 1024 * 1024 + Generated.between(1, 4096))
					+ "\"}";
			EntityExchangeResult<JsonNode> answer = this.client.method(HttpMethod.valueOf(route[0]))
				.uri(route[1])
				.header("Authorization", admin)
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectBody(JsonNode.class)
				.returnResult();
			String what = route[0] + " " + route[1];
			assertThat(answer.getStatus().value()).as(what).isEqualTo(413);
			assertThat(answer.getResponseHeaders().getContentType()).as(what)
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(answer.getResponseBody().path("status").asInt()).as(what).isEqualTo(413);
			assertThat(answer.getResponseBody().path("type").asString()).as(what)
				.isEqualTo("urn:boxoffice:problem:body-too-large");
		}
	}

}
