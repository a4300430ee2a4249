package dev.boxoffice.platform.error;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only routes under {@code /probe} that fail in each way the API can, so the error
 * mapping is tested through the real server. They are public (their own filter chain);
 * the application's chain is untouched.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ProblemProbe {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain probeChain(ServerHttpSecurity http) {
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/probe/**"))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	record OrderRequest(@NotBlank(message = "must not be blank") String name,
			@Min(value = 1, message = "must be at least 1") int quantity) {
	}

	/**
	 * Registered as a member of this configuration; {@code @TestComponent} keeps scanning
	 * off it.
	 */
	@RestController
	@TestComponent
	static class Routes {

		private static final Logger log = LoggerFactory.getLogger(Routes.class);

		private final DatabaseClient db;

		private final TransactionalOperator transactional;

		Routes(DatabaseClient db, TransactionalOperator transactional) {
			this.db = db;
			this.transactional = transactional;
		}

		@PostMapping("/probe/orders")
		Mono<OrderRequest> create(@Valid @RequestBody OrderRequest order) {
			return Mono.just(order);
		}

		@GetMapping("/probe/conflict")
		Mono<String> conflict() {
			return Mono.error(new ApiException(HttpStatus.CONFLICT, "seats-unavailable", "Seats are not available",
					"2 of the requested seats are taken.")
				.with("unavailableSeats", List.of("A-1", "A-2")));
		}

		@GetMapping("/probe/rate-limited")
		Mono<String> rateLimited() {
			return Mono.error(RequestProblems.tooMany(Duration.ofMillis(2500), "Slow down."));
		}

		@GetMapping("/probe/redis-timeout")
		Mono<String> redisTimeout() {
			return Mono.error(
					new io.lettuce.core.RedisCommandTimeoutException("HGETALL. Command timed out after 2 second(s)"));
		}

		/** A statement PostgreSQL cancels for running past its statement_timeout. */
		@GetMapping("/probe/db-timeout")
		Mono<String> databaseTimeout() {
			return withLowered("statement_timeout", "SELECT pg_sleep(5)");
		}

		/** Waits for advisory lock 4242 (a test holds it) past its lock_timeout. */
		@GetMapping("/probe/db-lock-timeout")
		Mono<String> databaseLockTimeout() {
			return withLowered("lock_timeout", "SELECT pg_advisory_xact_lock(4242)");
		}

		/**
		 * Runs {@code statement} with {@code setting} at 100 ms, for this transaction
		 * only.
		 */
		private Mono<String> withLowered(String setting, String statement) {
			return this.db.sql("SET LOCAL " + setting + " = 100")
				.then()
				.then(this.db.sql(statement).then())
				.as(this.transactional::transactional)
				.thenReturn("done");
		}

		@GetMapping("/probe/crash")
		Mono<String> crash() {
			return Mono.<String>fromCallable(() -> {
				log.info("probe about to fail");
				throw new IllegalStateException("SELECT password FROM users WHERE id = 42 failed");
			});
		}

		@GetMapping("/probe/log")
		Mono<String> logSomething() {
			return Mono.just("ok").doOnNext((value) -> log.info("probe handled the request"));
		}

	}

}
