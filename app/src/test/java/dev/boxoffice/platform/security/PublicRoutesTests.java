package dev.boxoffice.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the application serves needs a token, except the public ones listed here. A
 * feature that adds a public route adds it to this list on purpose.
 */
@IntegrationTest
class PublicRoutesTests {

	static final Set<String> PUBLIC = Set.of("POST /api/auth/register", "POST /api/auth/login",
			"POST /api/auth/refresh", "POST /api/auth/logout", "GET /.well-known/jwks.json", "GET /api/events",
			"GET /api/events/{id}", "GET /api/events/{id}/seats", "GET /api/venues/{id}",
			"GET /api/events/{eventId}/seats/stream", "GET /events/{eventId}", "GET /signin", "GET /organizer");

	@Autowired
	WebTestClient client;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyRouteButThePublicOnesRefusesAnonymousCallers() {
		List<String> routes = routes();
		assertThat(routes).as("the application's own routes").contains("GET /api/me").containsAll(PUBLIC);
		List<String> open = new ArrayList<>();
		for (String route : routes) {
			if (PUBLIC.contains(route)) {
				continue;
			}
			String[] methodAndPath = route.split(" ", 2);
			String path = methodAndPath[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
			int status = this.client.method(HttpMethod.valueOf(methodAndPath[0]))
				.uri(path)
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			if (status != 401) {
				open.add(route + " -> " + status);
			}
		}
		assertThat(open).as("routes answering without a token").isEmpty();
	}

	/** "METHOD /path" for every handler method of the application (not of libraries). */
	private List<String> routes() {
		List<String> routes = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith("dev.boxoffice")) {
				return;
			}
			for (String pattern : patterns(info)) {
				info.getMethodsCondition().getMethods().forEach((method) -> routes.add(method.name() + " " + pattern));
			}
		});
		return routes;
	}

	private static List<String> patterns(RequestMappingInfo info) {
		return info.getPatternsCondition().getPatterns().stream().map(Object::toString).toList();
	}

}
