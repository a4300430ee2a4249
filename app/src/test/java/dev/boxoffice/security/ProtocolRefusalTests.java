package dev.boxoffice.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.RawHttp;
import dev.boxoffice.support.RawHttp.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused before they reach a route — by the firewall (odd paths) or by the HTTP
 * layer (headers it cannot read, a request line or headers too long), or for coming from
 * a foreign origin — still get a problem detail, like every other answer. Sent byte for
 * byte: a client library would clean most of them up first.
 */
@IntegrationTest
@Tag("security")
class ProtocolRefusalTests {

	@LocalServerPort
	int port;

	@Test
	void pathsTheFirewallRefusesGetAProblemDetail() {
		List<String> odd = List.of("//api/events", "/api//events", "/api/events;jsessionid=1", "/api;x=1/events",
				"/api/%2e%2e/api/events", "/api/%2E/events", "/api/events%2Fx", "/api/events%2f", "/api/%25",
				"/api/./events", "/api/../api/events", "/api/events%5C", "/api/%3Bevents", "/api/events%00");
		for (String path : Generated.some(10, () -> Generated.oneOf(odd))) {
			assertProblem(RawHttp.get(this.port, path), 400, path);
		}
	}

	@Test
	void headersTheHttpLayerCannotReadGetAProblemDetail() {
		for (String header : Generated.some(6, ProtocolRefusalTests::unreadableHeader)) {
			assertProblem(RawHttp.get(this.port, "/api/events", header), 400, printable(header));
		}
	}

	@Test
	void aRequestLineOrHeadersTooLongGetAProblemDetail() {
		assertProblem(RawHttp.get(this.port, "/api/events?q=" + "a".repeat(10_000)), 414, "a 10 kB request line");
		assertProblem(RawHttp.get(this.port, "/api/events", "X-Padding: " + "a".repeat(20_000)), 431, "a 20 kB header");
	}

	@Test
	void aRequestFromAForeignOriginGetsAProblemDetail() {
		assertProblem(RawHttp.get(this.port, "/api/events", "Origin: https://elsewhere.example"), 403, "foreign GET");
		String preflight = "OPTIONS /api/events HTTP/1.1\r\nHost: localhost\r\nOrigin: https://elsewhere.example\r\n"
				+ "Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n";
		assertProblem(RawHttp.send(this.port, preflight.getBytes(StandardCharsets.ISO_8859_1)), 403,
				"foreign preflight");
	}

	private static void assertProblem(Response response, int status, String what) {
		assertThat(response.status()).as(what).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(what).isEqualTo("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
		assertThat(problem.path("type").asString()).as(what).startsWith("urn:boxoffice:problem:");
		assertThat(problem.path("requestId").asString()).as(what).isNotBlank();
		assertThat(response.header("X-Request-Id")).as(what).isEqualTo(problem.path("requestId").asString());
	}

	/** A header line with a byte no header may hold, in its value or its name. */
	static String unreadableHeader() {
		char control = Generated.oneOf('\0', '\u0001', '\u0007', '\u000b', '\u001f', '\u007f');
		return switch (Generated.between(0, 2)) {
			case 0 -> "X-Note: before" + control + "after";
			case 1 -> "Accept: application/json" + control;
			default -> "X-Bad" + Generated.oneOf(" Name", "(x)", "@", control) + ": value";
		};
	}

	private static String printable(String text) {
		StringBuilder shown = new StringBuilder();
		text.chars().forEach((c) -> shown.append((c < 0x20 || c == 0x7f) ? String.format("\\u%04x", c) : (char) c));
		return shown.toString();
	}

}
