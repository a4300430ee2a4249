package dev.boxoffice.platform;

import java.time.Duration;
import java.util.UUID;

import dev.boxoffice.support.ForgedTokens;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TcpProxy;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Readiness follows PostgreSQL and Redis: the application reaches both through relays
 * that the test cuts and restores. Liveness does not depend on them.
 */
@IntegrationTest
@DirtiesContext
class ReadinessTests {

	static final TestServices services = TestServices.get();

	static final TcpProxy redis = new TcpProxy(services.redisHost(), services.redisPort());

	static final TcpProxy postgres = new TcpProxy(services.pgHost(), services.pgPort());

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void throughRelays(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", redis::port);
		registry.add("spring.r2dbc.url",
				() -> "r2dbc:postgresql://127.0.0.1:" + postgres.port() + "/" + services.database());
	}

	@AfterAll
	static void closeRelays() {
		redis.close();
		postgres.close();
	}

	@Test
	void readinessFollowsRedis() {
		expectReadiness(200);
		redis.stop();
		expectReadiness(503);
		expectLiveness(200);
		redis.start();
		expectReadiness(200);
	}

	@Test
	void readinessFollowsPostgres() {
		expectReadiness(200);
		postgres.stop();
		expectReadiness(503);
		expectLiveness(200);
		postgres.start();
		expectReadiness(200);
	}

	@Test
	void tokensThatCannotBeCheckedGet503NotA401() {
		String token = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		this.client.get().uri("/api/me").header("Authorization", token).exchange().expectStatus().isNotFound();
		redis.stop();
		try {
			this.client.get()
				.uri("/api/me")
				.header("Authorization", token)
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.valueEquals("Retry-After", "1")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:boxoffice:problem:busy");
		}
		finally {
			redis.start();
		}
		expectReadiness(200);
	}

	/**
	 * Polls readiness until it answers {@code status}. Each poll gives up after 3 s (a
	 * check caught by the cut may hang until its connection is found dead) and counts as
	 * "not yet".
	 */
	private void expectReadiness(int status) {
		WebTestClient polling = this.client.mutate().responseTimeout(Duration.ofSeconds(3)).build();
		Awaitility.await()
			.atMost(Duration.ofSeconds(45))
			.pollInterval(Duration.ofMillis(250))
			.ignoreException(IllegalStateException.class)
			.untilAsserted(() -> polling.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isEqualTo(status)
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(status == 200 ? "UP" : "DOWN"));
	}

	private void expectLiveness(int status) {
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isEqualTo(status);
	}

}
