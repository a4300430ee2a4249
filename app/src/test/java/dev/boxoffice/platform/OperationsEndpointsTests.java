package dev.boxoffice.platform;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.Accounts.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators and API clients reach without a token: probes, metrics, API description.
 */
@IntegrationTest
class OperationsEndpointsTests {

	@Autowired
	WebTestClient client;

	@Test
	void livenessAndReadinessAreUpAndPublic() {
		this.client.get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void prometheusScrapeHasRequestMetrics() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
		String scrape = scrape();
		assertThat(scrape).contains("http_server_requests_seconds_count").contains("jvm_memory_used_bytes");
	}

	/**
	 * A request with a token passes the security chain and asks Redis (revocation,
	 * budget), yet neither is observed piece by piece: no timer per filter chain,
	 * authorization or Redis command, which cost CPU on every request. The request as a
	 * whole is.
	 */
	@Test
	void requestsAreObservedWholeNotFilterByFilterOrCommandByCommand() {
		Session user = new Accounts(this.client).newUser();
		this.client.get().uri("/api/me").header("Authorization", user.bearer()).exchange().expectStatus().isOk();
		String scrape = scrape();
		assertThat(scrape).contains("http_server_requests_seconds_count{")
			.doesNotContain("spring_security_filterchains")
			.doesNotContain("spring_security_authorizations")
			.doesNotContain("spring_security_authentications")
			.doesNotContain("lettuce_");
	}

	@Test
	void openApiDescriptionIsServed() {
		this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.openapi")
			.value((String version) -> assertThat(version).startsWith("3."))
			.jsonPath("$.info.title")
			.isEqualTo("Boxoffice API")
			.jsonPath("$.components.securitySchemes.bearer.scheme")
			.isEqualTo("bearer");
	}

	@Test
	void swaggerUiIsServed() {
		this.client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
		this.client.get()
			.uri("/webjars/swagger-ui/index.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("swagger-ui"));
	}

	@Test
	void otherActuatorEndpointsNeedAToken() {
		this.client.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
	}

	private String scrape() {
		return this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
