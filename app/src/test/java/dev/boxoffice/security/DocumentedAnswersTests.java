package dev.boxoffice.security;

import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers docs/api.md promises, where the service once said something else: the last page
 * has no {@code nextCursor} at all (it was {@code null}); a path under {@code /api/auth}
 * that is no route is a 404 or 405 (it was a 401 asking for a bearer token).
 */
@IntegrationTest
@Tag("security")
class DocumentedAnswersTests {

	@Autowired
	WebTestClient client;

	@Test
	void theLastPageOfASearchHasNoNextCursor() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		String city = "City " + UUID.randomUUID();
		new Catalog(this.client).eventOnSale(organizer, city, 1, 2);
		JsonNode page = this.client.get()
			.uri((uri) -> uri.path("/api/events").queryParam("city", city).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(page.path("items").size()).isEqualTo(1);
		// Absent, not null (a JSON path check takes one for the other).
		assertThat(page.has("nextCursor")).as(page.toString()).isFalse();
	}

	@Test
	void theLastPageOfOnesOrdersHasNoNextCursor() {
		Session buyer = new Accounts(this.client).newUser();
		JsonNode page = this.client.get()
			.uri("/api/me/orders")
			.header("Authorization", buyer.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(page.path("items").size()).isZero();
		assertThat(page.has("nextCursor")).as(page.toString()).isFalse();
	}

	@Test
	void aTokenEndpointWithATrailingSlashIsNotFoundNotUnauthorized() {
		for (String path : new String[] { "/api/auth/login/", "/api/auth/register/", "/api/auth/nothing" }) {
			this.client.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", "someone@boxoffice.test", "password", "whatever-it-is"))
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("Nothing is served at " + path + ".");
		}
		this.client.get()
			.uri("/api/auth/login")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.value(HttpHeaders.ALLOW, (allow) -> assertThat(allow).contains("POST"));
	}

}
