package dev.boxoffice.platform;

import dev.boxoffice.support.TestServicesInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockUser;

/**
 * Role checks of the security chain, with callers mocked in (no token issuer is needed):
 * an authenticated caller without the role gets a 403 problem detail.
 */
@SpringBootTest(properties = "boxoffice.startup.create-database=false")
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = TestServicesInitializer.class)
class ActuatorAccessTests {

	@Autowired
	WebTestClient client;

	@Test
	void aUserWithoutAdminRoleGets403OnOperatorEndpoints() {
		this.client.mutateWith(mockUser().roles("USER"))
			.get()
			.uri("/actuator/metrics")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:forbidden")
			.jsonPath("$.status")
			.isEqualTo(403);
	}

	@Test
	void anAdminMayReadMetrics() {
		this.client.mutateWith(mockUser().roles("ADMIN"))
			.get()
			.uri("/actuator/metrics")
			.exchange()
			.expectStatus()
			.isOk();
	}

}
