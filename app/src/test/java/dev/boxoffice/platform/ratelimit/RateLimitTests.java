package dev.boxoffice.platform.ratelimit;

import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.ForgedTokens;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production budgets (5 auth requests a minute per IP) and a small per-user budget,
 * in a key namespace of their own so no other test's requests count.
 */
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.rate-limit.auth-per-minute=5", "boxoffice.rate-limit.user-per-minute=3" })
class RateLimitTests {

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void ownNamespace(DynamicPropertyRegistry registry) {
		registry.add("boxoffice.redis.key-prefix", () -> TestServices.get().keyPrefix() + "rl-test:");
	}

	@Test
	void theSixthLoginInAMinuteFromOneAddressIs429() {
		for (int attempt = 1; attempt <= 5; attempt++) {
			login().expectStatus().isUnauthorized();
		}
		String retryAfter = login().expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.RETRY_AFTER);
		// One request's worth of a 5-per-minute budget comes back after 12 s.
		assertThat(Integer.parseInt(retryAfter)).isBetween(1, 12);
	}

	@Test
	void eachAccountHasItsOwnBudget() {
		String first = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		String second = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/me").header("Authorization", first).exchange().expectStatus().isNotFound();
		}
		this.client.get().uri("/api/me").header("Authorization", first).exchange().expectStatus().isEqualTo(429);
		this.client.get().uri("/api/me").header("Authorization", second).exchange().expectStatus().isNotFound();
	}

	@Test
	void probesAreNeverLimited() {
		for (int i = 0; i < 10; i++) {
			this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		}
	}

	private WebTestClient.ResponseSpec login() {
		return this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "nobody@boxoffice.test", "password", "whatever-it-is"))
			.exchange();
	}

}
