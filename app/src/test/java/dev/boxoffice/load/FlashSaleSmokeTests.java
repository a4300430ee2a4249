package dev.boxoffice.load;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.IsolatedJvm;
import dev.boxoffice.support.TestServicesInitializer;
import io.gatling.app.Gatling$;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI smoke run of the load harness: the flash sale simulation, small (1,000 buyers
 * for 200 seats in 20 s), against this test's application. It asserts invariants only —
 * the simulation's closing audit must pass — never timings or error counts. (Its own JVM:
 * Gatling's actor system and the system properties it reads stay out of the other tests.)
 */
@IntegrationTest
@IsolatedJvm
class FlashSaleSmokeTests {

	@LocalServerPort
	int port;

	@Test
	void aSmallFlashSaleEndsWithACleanAudit() throws Exception {
		Path results = Path.of("target", "gatling-smoke");
		Path outcomes = results.resolve("outcomes.json");
		System.setProperty("base-url", "http://localhost:" + this.port);
		System.setProperty("admin-email", TestServicesInitializer.ADMIN_EMAIL);
		System.setProperty("admin-password", TestServicesInitializer.ADMIN_PASSWORD);
		System.setProperty("seats", "200");
		System.setProperty("buyers", "1000");
		System.setProperty("rate", "50");
		System.setProperty("duration", "20");
		System.setProperty("outcomes-file", outcomes.toString());

		int status = Gatling$.MODULE$.fromArgs(new String[] { "-s", FlashSaleSimulation.class.getName(), "-rf",
				results.toAbsolutePath().toString(), "-nr" });

		// Non-zero when an assertion failed: the audit did not run, or found a broken
		// invariant.
		assertThat(status).as("Gatling's exit status").isZero();
		// The run really happened: holds were answered and some purchases went through.
		// (Errors under load are reported by the harness, not asserted here.)
		JsonNode counts = JsonMapper.builder().build().readTree(Files.readString(outcomes)).path("outcomes");
		assertThat(counts.path("hold 201").asLong()).as("successful holds").isPositive();
		assertThat(counts.path("purchase 201").asLong()).as("confirmed purchases").isBetween(1L, 200L);
	}

}
