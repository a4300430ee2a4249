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
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI smoke run of the waitlist simulation, small (40 seats, 100 buyers in line),
 * against this test's application with short holds and offers. It asserts invariants only
 * — the buyers' own checks and the closing audit must pass, and offers were really made
 * and bought — never timings. (Its own JVM, as {@link FlashSaleSmokeTests}.)
 */
@IntegrationTest
@IsolatedJvm
@TestPropertySource(
		properties = { "boxoffice.holds.ttl=4s", "boxoffice.waitlist.offer-ttl=3s", "boxoffice.waitlist.hold-back=1s" })
class WaitlistSmokeTests {

	@LocalServerPort
	int port;

	@Test
	void aSmallWaitlistWaveEndsWithCleanChecks() throws Exception {
		Path results = Path.of("target", "gatling-waitlist-smoke");
		Path outcomes = results.resolve("outcomes.json");
		System.setProperty("base-url", "http://localhost:" + this.port);
		System.setProperty("admin-email", TestServicesInitializer.ADMIN_EMAIL);
		System.setProperty("admin-password", TestServicesInitializer.ADMIN_PASSWORD);
		System.setProperty("seats", "40");
		System.setProperty("waiters", "100");
		System.setProperty("wave-seconds", "2");
		System.setProperty("quiet", "3");
		System.setProperty("max-wave", "60");
		System.setProperty("join-rate", "100");
		// With the member of the public asking for seats throughout: every one must be
		// refused, since every seat freed while buyers wait is the line's.
		System.setProperty("public-holds", "1");
		System.setProperty("outcomes-file", outcomes.toString());

		int status = Gatling$.MODULE$.fromArgs(new String[] { "-s", WaitlistSimulation.class.getName(), "-rf",
				results.toAbsolutePath().toString(), "-nr" });

		JsonNode measured = JsonMapper.builder().build().readTree(Files.readString(outcomes));
		// Non-zero when an assertion failed: a buyer's check or the audit found a broken
		// invariant, or did not run.
		assertThat(status).as("Gatling's exit status; violations: %s", measured.path("violationsFirst")).isZero();
		assertThat(measured.path("streamsOpened").asLong()).as("notification streams open").isEqualTo(100);
		assertThat(measured.path("offers").asLong()).as("offers delivered").isPositive();
		assertThat(measured.path("outcomes").path("offer purchase 201").asLong()).as("offers bought").isPositive();
	}

}
