package dev.boxoffice.platform.admission;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.Gauges;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.StalledRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With one API request allowed in progress: a second one while the first is still being
 * worked on is refused at once with a 503 problem and Retry-After, and once the first is
 * done, requests go through again; a purchase waiting on a payment provider that never
 * answers is not in progress meanwhile, so nothing is refused because of it.
 */
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.admission.max-in-flight=1", "boxoffice.payment.timeout=2s",
		"boxoffice.admission.body-timeout=60s" })
class AdmissionControlTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Test
	void pastTheBoundARequestIsRefusedAtOnceAndTheNextOneAfterIsServed() {
		String admin = new Accounts(this.client).admin().bearer();
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 10);
		Session buyer = new Accounts(this.client).newUser();
		try (StalledRequest stalled = StalledRequest.hold(this.port, buyer.bearer(), event)) {
			awaitGauge(admin, "boxoffice.admission.in_flight", 1);
			JsonNode refused = this.client.get()
				.uri("/api/me")
				.header("Authorization", buyer.bearer())
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.valueEquals("Retry-After", "1")
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			assertThat(refused.path("type").asString()).isEqualTo("urn:boxoffice:problem:busy");
			// Not counted: the probes and the live streams.
			this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		}
		awaitGauge(admin, "boxoffice.admission.in_flight", 0);
		this.client.get().uri("/api/me").header("Authorization", buyer.bearer()).exchange().expectStatus().isOk();
	}

	@Test
	void aPurchaseWaitingOnThePaymentProviderIsNotCountedInProgress() {
		String admin = new Accounts(this.client).admin().bearer();
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 10);
		Booking booking = new Booking(this.client);
		Session buyer = new Accounts(this.client).newUser();
		String hold = booking.holdSeats(buyer.bearer(), event, "A-1-1");
		CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> this.client.post()
			.uri("/api/holds/{id}/purchase", hold)
			.header("Authorization", buyer.bearer())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("paymentToken", "tok_timeout"))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value());
		awaitGauge(admin, "boxoffice.admission.outside", 1);
		assertThat(Gauges.value(this.client, admin, "boxoffice.admission.in_flight")).isZero();
		// While the purchase waits, the buyer's other requests are not refused.
		for (int i = 0; i < 3; i++) {
			this.client.get().uri("/api/me").header("Authorization", buyer.bearer()).exchange().expectStatus().isOk();
			booking.holdSeats(buyer.bearer(), event, "A-1-" + (2 + i));
		}
		assertThat(slow.join()).isEqualTo(504);
		awaitGauge(admin, "boxoffice.admission.outside", 0);
		assertThat(Gauges.value(this.client, admin, "boxoffice.admission.in_flight")).isZero();
	}

	private void awaitGauge(String admin, String name, int value) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> Gauges.value(this.client, admin, name) == value);
	}

}
