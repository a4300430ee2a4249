package dev.boxoffice.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.security.ApiRoutes.Route;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Path variables and query parameters that look like values but cannot be used — blank,
 * not quite a UUID, too large for their type, out of range, in another format — are a 400
 * validation problem naming the parameter, on every route, never a 500. The routes are
 * read from the application itself, so a new one is tried without being listed here.
 */
@IntegrationTest
@Tag("security")
class MalformedParameterTests {

	@Autowired
	WebTestClient client;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@LocalServerPort
	int port;

	String admin;

	@BeforeEach
	void signIn() {
		this.admin = new Accounts(this.client).admin().bearer();
	}

	@Test
	void everyIdOfEveryRouteThatIsNotAUuidIs400NamingIt() {
		List<Route> routes = ApiRoutes.of(this.mappings)
			.stream()
			.filter((route) -> !route.variables().isEmpty())
			.toList();
		assertThat(routes).extracting(Route::pattern)
			.contains("/api/events/{id}", "/api/orders/{orderId}", "/api/admin/users/{id}/roles",
					"/api/events/{eventId}/seats/stream");
		for (Route route : routes) {
			route.variables().forEach((name, type) -> {
				List<String> values = new ArrayList<>(Generated.some(5, MalformedParameterTests::notAUuid));
				values.add(0, "%20");
				for (String bad : values) {
					EntityExchangeResult<JsonNode> answer = call(route, name, bad);
					String what = route.method() + " " + route.pattern() + " with " + name + "=" + bad;
					assertThat(answer.getResponseHeaders().getContentType()).as(what)
						.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
					if (type == UUID.class) {
						assertNamesParameter(answer, name, what);
					}
					else {
						assertThat(answer.getStatus().is4xxClientError()).as(what + " -> " + answer.getStatus())
							.isTrue();
					}
				}
			});
		}
	}

	@Test
	void searchParametersThatCannotBeReadAre400NamingThem() {
		for (String bad : Generated.some(8, MalformedParameterTests::notAnInstant)) {
			assertNamesParameter(get("/api/events?from=" + bad), "from", "from=" + bad);
			assertNamesParameter(get("/api/events?to=" + bad), "to", "to=" + bad);
		}
		for (String bad : Generated.some(8, MalformedParameterTests::notALimit)) {
			assertNamesParameter(get("/api/events?limit=" + bad), "limit", "limit=" + bad);
			assertNamesParameter(get("/api/me/orders?limit=" + bad), "limit", "orders limit=" + bad);
		}
		for (String bad : Generated.some(4, () -> Generated.oneOf("on_sale", "On_Sale", "SOLD", "DRAFTS", "1"))) {
			assertNamesParameter(get("/api/events?status=" + bad), "status", "status=" + bad);
		}
		for (String bad : Generated.some(4, () -> Generated.text("abcdefghij", Generated.between(10, 60)))) {
			assertNamesParameter(get("/api/events?cursor=" + bad), "cursor", "cursor=" + bad);
			assertNamesParameter(get("/api/me/orders?cursor=" + bad), "cursor", "orders cursor=" + bad);
		}
		assertNamesParameter(get("/api/events?q=" + "word+".repeat(50)), "q", "a long q");
		assertNamesParameter(get("/api/events?city=" + "x".repeat(101)), "city", "a long city");
		assertNamesParameter(get("/api/events?category=" + "x".repeat(101)), "category", "a long category");
	}

	@Test
	void blankOptionalParametersAreAsIfAbsent() {
		for (String blank : List.of("", "%20", "%20%20")) {
			assertThat(
					get("/api/events?from=" + blank + "&to=" + blank + "&cursor=" + blank + "&q=" + blank).getStatus()
						.value())
				.as("blank " + blank)
				.isEqualTo(200);
		}
	}

	private void assertNamesParameter(EntityExchangeResult<JsonNode> answer, String name, String what) {
		assertThat(answer.getStatus().value()).as(what).isEqualTo(400);
		JsonNode problem = answer.getResponseBody();
		assertThat(problem.path("type").asString()).as(what).isEqualTo("urn:boxoffice:problem:validation");
		assertThat(problem.path("errors").get(0).path("field").asString()).as(what).isEqualTo(name);
		assertThat(problem.path("errors").get(0).path("message").asString()).as(what).isNotBlank();
	}

	private EntityExchangeResult<JsonNode> call(Route route, String target, String value) {
		String path = route.pattern();
		for (String name : route.variables().keySet()) {
			path = path.replace("{" + name + "}", name.equals(target) ? value : UUID.randomUUID().toString());
		}
		WebTestClient.RequestBodySpec request = this.client.method(route.method())
			.uri(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", this.admin)
			.header("Idempotency-Key", UUID.randomUUID().toString());
		if (route.method() == HttpMethod.POST || route.method() == HttpMethod.PUT
				|| route.method() == HttpMethod.PATCH) {
			request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
		}
		return request.exchange().expectBody(JsonNode.class).returnResult();
	}

	private EntityExchangeResult<JsonNode> get(String pathAndQuery) {
		return this.client.get()
			.uri(URI.create("http://localhost:" + this.port + pathAndQuery))
			.header("Authorization", this.admin)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult();
	}

	/** Blank, nearly a UUID, or not one at all; percent-encoded for a path. */
	static String notAUuid() {
		String uuid = UUID.randomUUID().toString();
		return switch (Generated.between(0, 7)) {
			case 7 -> Generated.text("0123456789abcdef-", Generated.between(100, 3000));
			case 0 -> String.join("", Generated.some(Generated.between(1, 3),
					() -> Generated.oneOf("%20", "%09", "%C2%A0", "%E2%80%8B", "%E3%80%80")));
			case 1 -> uuid.substring(0, Generated.between(1, 35));
			case 2 -> uuid + Generated.text("0123456789abcdef", Generated.between(1, 4));
			case 3 -> uuid.replace("-", "");
			case 4 -> Generated.oneOf("1-1-1-1-1", "0-0-0-0-0", "ffffffff-ffff-ffff-ffff-fffffffffffff");
			case 5 -> Generated.text("0123456789", Generated.between(20, 40));
			default -> uuid.substring(0, 9) + Generated.oneOf("g", "z", "-", "%20", "%C3%A9") + uuid.substring(10);
		};
	}

	static String notAnInstant() {
		return switch (Generated.between(0, 4)) {
			case 0 -> "2027-0" + Generated.between(1, 9) + "-01";
			case 1 -> "2027-" + Generated.between(13, 99) + "-01T00:00:00Z";
			case 2 -> "2027-03-01T" + Generated.between(25, 99) + ":00:00Z";
			case 3 -> Generated.text("abcdefghijklmnopqrstuvwxyz", Generated.between(3, 12));
			default -> Long.toString(Generated.between(1, Integer.MAX_VALUE)) + "000";
		};
	}

	static String notALimit() {
		return switch (Generated.between(0, 4)) {
			case 0 -> Generated.between(1, 99) + "." + Generated.between(1, 9);
			case 1 -> Generated.text("123456789", Generated.between(11, 25));
			case 2 -> "-" + Generated.text("123456789", Generated.between(11, 25));
			case 3 -> Integer.toString(Generated.between(101, 100_000));
			default -> Generated.oneOf("0", "-1", "ten", "1e3", "12,5");
		};
	}

}
