package dev.boxoffice.load;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.IsolatedJvm;
import dev.boxoffice.support.TestServices;
import dev.boxoffice.support.TestServicesInitializer;
import io.gatling.app.Gatling$;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI smoke run of the general-admission flash sale ({@code -Dmode=ga}): 500 buyers in
 * 10 s for one pool of 300 places, which they ask for about four times over, so the pool
 * runs out during the run. It asserts invariants only — the pool's checks in PostgreSQL
 * and the closing audit must pass — never timings or error counts. (Its own JVM, as
 * {@link FlashSaleSmokeTests}.)
 */
@IntegrationTest
@IsolatedJvm
class GeneralAdmissionSmokeTests {

	@LocalServerPort
	int port;

	@Test
	void aSmallGeneralAdmissionSaleSellsNoPlaceTwiceAndEndsWithACleanAudit() throws Exception {
		Path results = Path.of("target", "gatling-ga-smoke");
		Path outcomes = results.resolve("outcomes.json");
		TestServices services = TestServices.get();
		System.setProperty("base-url", "http://localhost:" + this.port);
		System.setProperty("admin-email", TestServicesInitializer.ADMIN_EMAIL);
		System.setProperty("admin-password", TestServicesInitializer.ADMIN_PASSWORD);
		System.setProperty("db-url", services.jdbcUrl());
		System.setProperty("db-user", services.pgUser());
		System.setProperty("db-password", services.pgPassword());
		System.setProperty("mode", "ga");
		System.setProperty("places", "300");
		System.setProperty("buyers", "500");
		System.setProperty("rate", "50");
		System.setProperty("duration", "10");
		System.setProperty("outcomes-file", outcomes.toString());

		int status = Gatling$.MODULE$.fromArgs(new String[] { "-s", FlashSaleSimulation.class.getName(), "-rf",
				results.toAbsolutePath().toString(), "-nr" });

		JsonNode measured = JsonMapper.builder().build().readTree(Files.readString(outcomes));
		// Non-zero when an assertion failed: the pool's checks or the audit found a
		// broken
		// invariant, or did not run.
		assertThat(status).as("Gatling's exit status; the pool's checks: %s", measured.path("places")).isZero();
		JsonNode pool = measured.path("places").path("pools").path(0);
		assertThat(pool.path("claimed").asLong()).as("places claimed").isBetween(1L, 300L);
		assertThat(measured.path("outcomes").path("purchase 201").asLong()).as("confirmed purchases").isPositive();
	}

}
