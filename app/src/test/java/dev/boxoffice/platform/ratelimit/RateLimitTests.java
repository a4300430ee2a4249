package dev.boxoffice.platform.ratelimit;

import java.net.SocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.boxoffice.support.ForgedTokens;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production budgets (5 auth requests a minute per IP) and a small per-user budget,
 * in a key namespace of their own so no other test's requests count. The instance's Redis
 * client counts the commands it sends, by kind.
 */
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.rate-limit.auth-per-minute=5", "boxoffice.rate-limit.user-per-minute=3" })
@Import(RateLimitTests.CountedCommands.class)
class RateLimitTests {

	@Autowired
	WebTestClient client;

	@Autowired
	CommandCounts commands;

	@DynamicPropertySource
	static void ownNamespace(DynamicPropertyRegistry registry) {
		registry.add("boxoffice.redis.key-prefix", () -> TestServices.get().keyPrefix() + "rl-test:");
	}

	@Test
	void theSixthLoginInAMinuteFromOneAddressIs429() {
		for (int attempt = 1; attempt <= 5; attempt++) {
			login().expectStatus().isUnauthorized();
		}
		String retryAfter = login().expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(HttpHeaders.RETRY_AFTER);
		// One request's worth of a 5-per-minute budget comes back after 12 s.
		assertThat(Integer.parseInt(retryAfter)).isBetween(1, 12);
	}

	@Test
	void eachAccountHasItsOwnBudget() {
		String first = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		String second = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/me").header("Authorization", first).exchange().expectStatus().isNotFound();
		}
		this.client.get().uri("/api/me").header("Authorization", first).exchange().expectStatus().isEqualTo(429);
		this.client.get().uri("/api/me").header("Authorization", second).exchange().expectStatus().isNotFound();
	}

	@Test
	void aRequestWithATokenAsksRedisOnceForItsRevocationsAndItsBudget() {
		String token = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		this.commands.clear();
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/me").header("Authorization", token).exchange().expectStatus().isNotFound();
		}
		// The budget's script read the revocations: no MGET of them, one script call a
		// request (the budget still ran out after 3).
		assertThat(this.commands.count("MGET")).isZero();
		assertThat(this.commands.count("EVALSHA")).isEqualTo(3);
		this.client.get().uri("/api/me").header("Authorization", token).exchange().expectStatus().isEqualTo(429);
	}

	@Test
	void aTokenOnAPathNeverLimitedTakesNothingFromItsBudget() {
		String token = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		for (int i = 0; i < 5; i++) {
			this.client.get()
				.uri("/actuator/health/readiness")
				.header("Authorization", token)
				.exchange()
				.expectStatus()
				.isOk();
		}
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/me").header("Authorization", token).exchange().expectStatus().isNotFound();
		}
		this.client.get().uri("/api/me").header("Authorization", token).exchange().expectStatus().isEqualTo(429);
	}

	@Test
	void probesAreNeverLimited() {
		for (int i = 0; i < 10; i++) {
			this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		}
	}

	private WebTestClient.ResponseSpec login() {
		return this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "nobody@boxoffice.test", "password", "whatever-it-is"))
			.exchange();
	}

	/** Redis commands sent by this instance since {@link #clear}, by kind. */
	static final class CommandCounts implements CommandLatencyRecorder {

		private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

		@Override
		public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword commandType,
				long firstResponseLatency, long completionLatency) {
			this.counts.computeIfAbsent(commandType.toString(), (kind) -> new LongAdder()).increment();
		}

		long count(String kind) {
			LongAdder count = this.counts.get(kind);
			return (count != null) ? count.sum() : 0;
		}

		void clear() {
			this.counts.clear();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CountedCommands {

		@Bean
		CommandCounts commandCounts() {
			return new CommandCounts();
		}

		@Bean
		ClientResourcesBuilderCustomizer countCommands(CommandCounts counts) {
			return (resources) -> resources.commandLatencyRecorder(counts);
		}

	}

}
