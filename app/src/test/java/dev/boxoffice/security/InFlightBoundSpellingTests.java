package dev.boxoffice.security;

import java.net.URI;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.Gauges;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.StalledRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With one API request allowed in progress and one running (a hold whose body never
 * finishes arriving), no spelling of a path gets another one in: percent-escaped letters,
 * or a path that is no route at all.
 */
@IntegrationTest
@Tag("security")
@TestPropertySource(properties = { "boxoffice.admission.max-in-flight=1", "boxoffice.admission.body-timeout=60s" })
class InFlightBoundSpellingTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Test
	void noSpellingOfAPathGetsPastTheBound() {
		String admin = new Accounts(this.client).admin().bearer();
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 10);
		Session buyer = new Accounts(this.client).newUser();
		try (StalledRequest stalled = StalledRequest.hold(this.port, buyer.bearer(), event)) {
			Gauges.awaitInFlight(this.client, admin, 1);
			refusesEverySpelling(buyer, event);
		}
	}

	private void refusesEverySpelling(Session buyer, UUID event) {
		for (String path : Generated.some(10,
				() -> Generated.oneOf(Generated.percentSpelling("/api/me"),
						Generated.percentSpelling("/api/events/" + event), Generated.percentSpelling("/api/auth/login"),
						"/" + Generated.text("abcdefghijklmnopqrstuvwxyz", Generated.between(3, 12))))) {
			JsonNode refused = this.client.get()
				.uri(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", buyer.bearer())
				.exchange()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			assertThat(refused.path("status").asInt()).as(path).isEqualTo(503);
			assertThat(refused.path("type").asString()).as(path).isEqualTo("urn:boxoffice:problem:busy");
		}
	}

}
