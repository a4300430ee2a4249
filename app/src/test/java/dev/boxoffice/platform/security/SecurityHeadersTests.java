package dev.boxoffice.platform.security;

import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServicesInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Headers every response carries, and CORS only for configured origins. */
@IntegrationTest
class SecurityHeadersTests {

	@Autowired
	WebTestClient client;

	@Test
	void responsesForbidSniffingFramingAndForeignContent() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.valueMatches("Content-Security-Policy", ".*default-src 'self'.*frame-ancestors 'none'.*")
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE);
	}

	@Test
	void aConfiguredOriginMayCallTheApi() {
		this.client.options()
			.uri("/api/me")
			.header(HttpHeaders.ORIGIN, TestServicesInitializer.ALLOWED_ORIGIN)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, TestServicesInitializer.ALLOWED_ORIGIN);
	}

	@Test
	void anyOtherOriginIsRefused() {
		this.client.options()
			.uri("/api/me")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
