package dev.boxoffice.security;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.boxoffice.support.ForgedTokens;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestKeys;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A path spelled another way ({@code /ap%69/auth/login}) is routed and secured like the
 * plain one, so it must draw from the same budget and meet the same access rules. Small
 * budgets, in a key namespace of their own; each test is its own client address (one
 * trusted proxy, so {@code X-Forwarded-For} names it).
 */
@IntegrationTest
@Tag("security")
@TestPropertySource(properties = { "boxoffice.rate-limit.auth-per-minute=5", "boxoffice.rate-limit.user-per-minute=5",
		"boxoffice.rate-limit.trusted-proxies=1" })
class PathSpellingTests {

	private static final AtomicInteger addresses = new AtomicInteger();

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void ownNamespace(DynamicPropertyRegistry registry) {
		registry.add("boxoffice.redis.key-prefix", () -> TestServices.get().keyPrefix() + "spelling-test:");
	}

	@Test
	void everySpellingOfTheTokenEndpointsDrawsFromTheAuthBudget() {
		String address = newAddress();
		for (int i = 0; i < 5; i++) {
			assertThat(login("/api/auth/login", address).getStatus().value()).isEqualTo(401);
		}
		for (String path : Generated.some(12, () -> Generated
			.percentSpelling(Generated.oneOf("/api/auth/login", "/api/auth/refresh", "/api/auth/register")))) {
			EntityExchangeResult<String> answer = login(path, address);
			assertThat(answer.getStatus().value()).as(path).isEqualTo(429);
			assertThat(answer.getResponseHeaders().getContentType()).as(path)
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void everySpellingOfAnApiPathDrawsFromTheAccountsBudget() {
		String bearer = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		for (int i = 0; i < 5; i++) {
			send(HttpMethod.GET, "/api/me", bearer, newAddress());
		}
		for (String path : Generated.some(12, () -> Generated
			.percentSpelling(Generated.oneOf("/api/me", "/api/me/orders", "/api/me/tickets", "/api/events")))) {
			assertThat(send(HttpMethod.GET, path, bearer, newAddress()).getStatus().value()).as(path).isEqualTo(429);
		}
	}

	@Test
	void pathsThatAreNoRouteDrawFromABudget() {
		String address = newAddress();
		List<String> paths = Generated.some(12, () -> Generated.oneOf("/", "/api/", "/static/", "/actuator/", "/API/")
				+ Generated.text("abcdefghijklmnopqrstuvwxyz-", Generated.between(3, 20)) + "-0");
		for (int i = 0; i < 5; i++) {
			send(HttpMethod.GET, paths.get(i), null, address);
		}
		for (String path : paths.subList(5, paths.size())) {
			assertThat(send(HttpMethod.GET, path, null, address).getStatus().value()).as(path).isEqualTo(429);
		}
	}

	@Test
	void accessRulesHoldHoweverThePathIsSpelled() {
		for (int i = 0; i < 8; i++) {
			String bearer = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
			String roles = Generated.percentSpelling("/api/admin/users/" + UUID.randomUUID() + "/roles");
			assertThat(this.client.put()
				.uri(raw(roles))
				.header("Authorization", bearer)
				.header("X-Forwarded-For", newAddress())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("roles", List.of("ADMIN")))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value()).as(roles).isEqualTo(403);
			String metrics = Generated.percentSpelling("/actuator/metrics");
			assertThat(send(HttpMethod.GET, metrics, bearer, newAddress()).getStatus().value()).as(metrics)
				.isEqualTo(403);
			String venues = Generated.percentSpelling("/api/venues");
			assertThat(this.client.post()
				.uri(raw(venues))
				.header("Authorization", bearer)
				.header("X-Forwarded-For", newAddress())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of())
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value()).as(venues).isEqualTo(403);
		}
	}

	@Test
	void loggingOutWithAnExpiredTokenWorksHoweverThePathIsSpelled() {
		String expired = ForgedTokens.signed(TestKeys.SIGNING,
				ForgedTokens.claims(UUID.randomUUID(), List.of("USER"))
					.issueTime(Date.from(Instant.now().minusSeconds(3600)))
					.expirationTime(Date.from(Instant.now().minusSeconds(1800)))
					.build());
		for (String path : Generated.some(3, () -> Generated.percentSpelling("/api/auth/logout"))) {
			assertThat(this.client.post()
				.uri(raw(path))
				.header("Authorization", "Bearer " + expired)
				.header("X-Forwarded-For", newAddress())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("refreshToken", "unknown-token"))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value()).as(path).isEqualTo(204);
		}
	}

	private EntityExchangeResult<String> login(String path, String address) {
		return this.client.post()
			.uri(raw(path))
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "nobody@boxoffice.test", "password", "not-a-password"))
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	private EntityExchangeResult<String> send(HttpMethod method, String path, String bearer, String address) {
		WebTestClient.RequestHeadersSpec<?> request = this.client.method(method)
			.uri(raw(path))
			.header("X-Forwarded-For", address);
		if (bearer != null) {
			request = request.header("Authorization", bearer);
		}
		return request.exchange().expectBody(String.class).returnResult();
	}

	/** The path exactly as written: a URI template would escape the '%'. */
	private URI raw(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String newAddress() {
		int n = addresses.incrementAndGet();
		return "198.51." + (n / 250) + "." + (n % 250 + 1);
	}

}
