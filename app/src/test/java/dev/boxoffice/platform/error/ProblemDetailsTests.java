package dev.boxoffice.platform.error;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of failure reaches the client as an RFC 9457 problem detail. */
@IntegrationTest
@Import(ProblemProbe.class)
class ProblemDetailsTests {

	@Autowired
	WebTestClient client;

	@Test
	void malformedJsonIsABadRequestThatNamesThePosition() {
		this.client.post()
			.uri("/probe/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"x\",\n \"quantity\": }")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:malformed-request")
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("line 2").doesNotContain("dev.boxoffice"))
			.jsonPath("$.instance")
			.isEqualTo("/probe/orders")
			.jsonPath("$.requestId")
			.isNotEmpty();
	}

	@Test
	void wrongJsonTypeIsMalformedWithoutNamingJavaTypes() {
		this.client.post()
			.uri("/probe/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"x\", \"quantity\": \"many\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:malformed-request")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).doesNotContain("Order").doesNotContain("int"));
	}

	@Test
	void validationFailureListsEveryOffendingField() {
		this.client.post()
			.uri("/probe/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", " ", "quantity", 0))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:validation")
			.jsonPath("$.errors.length()")
			.isEqualTo(2)
			.jsonPath("$.errors[?(@.field == 'name')].message")
			.isEqualTo(List.of("must not be blank"))
			.jsonPath("$.errors[?(@.field == 'quantity')].message")
			.isEqualTo(List.of("must be at least 1"));
	}

	@Test
	void unsupportedContentTypeIs415() {
		this.client.post()
			.uri("/probe/orders")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("name=x")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(415)
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:unsupported-media-type");
	}

	@Test
	void wrongMethodIs405WithAllowHeader() {
		this.client.delete()
			.uri("/probe/conflict")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.ALLOW, (allow) -> assertThat(allow).contains("GET"))
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(405);
	}

	@Test
	void unknownPathIs404() {
		this.client.get()
			.uri("/probe/nothing-here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.detail")
			.isEqualTo("Nothing is served at /probe/nothing-here.");
	}

	@Test
	void domainConflictIs409WithItsExtensionMembers() {
		this.client.get()
			.uri("/probe/conflict")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:seats-unavailable")
			.jsonPath("$.title")
			.isEqualTo("Seats are not available")
			.jsonPath("$.unavailableSeats")
			.isEqualTo(List.of("A-1", "A-2"));
	}

	@Test
	void rateLimitIs429WithRetryAfterInWholeSeconds() {
		this.client.get()
			.uri("/probe/rate-limited")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "3")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.retryAfterSeconds")
			.isEqualTo(3);
	}

	@Test
	void unexpectedFailureIs500AndLeaksNothing() {
		String body = this.client.get()
			.uri("/probe/crash")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"type\":\"urn:boxoffice:problem:internal\"")
			.contains("requestId")
			.doesNotContain("SELECT")
			.doesNotContain("IllegalStateException")
			.doesNotContain("at dev.boxoffice");
	}

	@Test
	void aStoreThatTimesOutIs503WithRetryAfterAndLeaksNothing() {
		String body = this.client.get()
			.uri("/probe/redis-timeout")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"type\":\"urn:boxoffice:problem:unavailable\"")
			.contains("requestId")
			.doesNotContain("HGETALL")
			.doesNotContain("Lettuce");
	}

	@Test
	void aStatementPostgresCancelsForItsTimeoutIs503AndLeaksNothing() {
		long started = System.nanoTime();
		String body = this.client.get()
			.uri("/probe/db-timeout")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		// Cancelled after 100 ms, not after the 5 s it asked for.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
		assertThat(body).contains("\"type\":\"urn:boxoffice:problem:unavailable\"")
			.doesNotContain("pg_sleep")
			.doesNotContain("statement timeout");
	}

	@Test
	void aLockNotHadWithinTheLockTimeoutIs503() throws Exception {
		try (Connection holder = TestServices.get().jdbc(); Statement lock = holder.createStatement()) {
			lock.execute("SELECT pg_advisory_lock(4242)");
			this.client.get()
				.uri("/probe/db-lock-timeout")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:boxoffice:problem:unavailable");
		}
	}

	@Test
	void missingTokenOnTheApiIs401WithBearerChallenge() {
		this.client.get()
			.uri("/api/anything")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:unauthorized");
	}

}
