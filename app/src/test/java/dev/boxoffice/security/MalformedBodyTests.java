package dev.boxoffice.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.security.ApiRoutes.Route;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies a careless or hostile client sends — not JSON, cut short, the wrong shape,
 * nested thousands deep, numbers too large for anything, a NUL, bytes that are not UTF-8,
 * another content type — on every route that takes one (read from the application
 * itself): none is a server error, and each refusal is a problem detail. (A NUL in a
 * refresh token is only a token nobody has: logging out with it is the 204 of any unknown
 * token.)
 */
@IntegrationTest
@Tag("security")
class MalformedBodyTests {

	@Autowired
	WebTestClient client;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void noMalformedBodyIsAServerError() {
		String admin = new Accounts(this.client).admin().bearer();
		List<Route> routes = ApiRoutes.of(this.mappings).stream().filter(Route::takesBody).toList();
		assertThat(routes).extracting(Route::pattern).contains("/api/venues", "/api/auth/register");
		for (Route route : routes) {
			for (int i = 0; i < 12; i++) {
				byte[] body = malformed();
				MediaType type = Generated.chance(0.9) ? MediaType.APPLICATION_JSON : Generated
					.oneOf(MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML, MediaType.APPLICATION_FORM_URLENCODED);
				String path = route.path();
				EntityExchangeResult<String> answer = this.client.method(route.method())
					.uri(path)
					.header("Authorization", admin)
					.header("Idempotency-Key", UUID.randomUUID().toString())
					.contentType(type)
					.bodyValue(body)
					.exchange()
					.expectBody(String.class)
					.returnResult();
				String what = route.method() + " " + path + " " + type + " " + shown(body) + " -> " + answer.getStatus()
						+ " " + answer.getResponseBody();
				assertThat(answer.getStatus().is5xxServerError()).as(what).isFalse();
				if (answer.getStatus().isError()) {
					assertThat(answer.getResponseHeaders().getContentType()).as(what)
						.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				}
			}
		}
	}

	/** One body of a kind no route can use. */
	static byte[] malformed() {
		String text = switch (Generated.between(0, 11)) {
			case 0 -> "";
			case 1 -> Generated.text("abc{}[]:,\"' \n", Generated.between(1, 200));
			case 2 -> "{\"name\": \"" + Generated.text("abc", Generated.between(1, 20));
			case 3 -> Generated.oneOf("[]", "null", "true", "42", "\"text\"", "[{}]");
			case 4 -> "[".repeat(Generated.between(600, 5000)) + "]".repeat(Generated.between(0, 10));
			case 5 -> "{\"a\":".repeat(Generated.between(600, 3000)) + "1" + "}".repeat(10);
			case 6 -> "{\"seatIds\":[" + "1".repeat(Generated.between(400, 2000)) + "],\"priceCents\":1e400,"
					+ "\"quantity\":" + "9".repeat(Generated.between(20, 400)) + "}";
			case 7 -> "{\"email\":\"a\\u0000b@x.test\",\"name\":\"x\\u0000\",\"title\":\"\\u0000\",\"paymentToken\":"
					+ "\"tok_ok\\u0000\",\"refreshToken\":\"\\u0000\",\"roles\":[\"\\u0000\"]}";
			case 8 -> "{\"name\":\"" + "x".repeat(Generated.between(100_000, 1_000_000)) + "\"}";
			case 9 -> "{\"roles\":\"ADMIN\",\"seatIds\":\"A-1-1\",\"sections\":{},\"prices\":[],\"startsAt\":\"soon\"}";
			case 10 -> "{\"a\":1,\"a\":2,\"b\":" + Generated.oneOf("NaN", "Infinity", "-", "0x10", "01", "+1") + "}";
			default -> null;
		};
		if (text != null) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		byte[] bytes = "{\"name\":\"??\"}".getBytes(StandardCharsets.ISO_8859_1);
		bytes[9] = (byte) (int) Generated.oneOf(0xC3, 0xFF, 0xFE, 0x80);
		bytes[10] = (byte) (int) Generated.oneOf(0x28, 0xC0, 0xFF);
		return bytes;
	}

	private static String shown(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		return (text.length() > 80) ? text.substring(0, 80) + "… (" + body.length + " bytes)" : text;
	}

}
