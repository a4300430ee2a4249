package dev.boxoffice.security;

import java.time.Duration;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.Gauges;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.StalledRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends a request's headers and never the whole of its body does not keep
 * the request in progress (and its place in admission) past the body timeout: the
 * connection is closed, and the place is free again.
 */
@IntegrationTest
@Tag("security")
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "boxoffice.admission.max-in-flight=1", "boxoffice.admission.body-timeout=1s" })
class StalledBodyTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Test
	void aBodyThatNeverFinishesArrivingIsCutOff() {
		String admin = new Accounts(this.client).admin().bearer();
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 10);
		Session buyer = new Accounts(this.client).newUser();
		long started = System.nanoTime();
		try (StalledRequest stalled = StalledRequest.hold(this.port, buyer.bearer(), event)) {
			assertThat(stalled.answer(Duration.ofSeconds(15))).as("the connection is closed").isNotNull();
		}
		// A second's timeout, with room for a slow machine: not the 15 s read's own end.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
		Gauges.awaitInFlight(this.client, admin, 0);
		// The one place admission has is free: the buyer is served.
		this.client.get().uri("/api/me").header("Authorization", buyer.bearer()).exchange().expectStatus().isOk();
	}

	/**
	 * A client that closes its connection halfway through a body is gone, not a failure
	 * of the service: nothing is logged as an error, and its place is free again.
	 */
	@Test
	void aClientGoneMidBodyIsNoError(CapturedOutput output) throws Exception {
		String admin = new Accounts(this.client).admin().bearer();
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 10);
		Session buyer = new Accounts(this.client).newUser();
		try (StalledRequest stalled = StalledRequest.hold(this.port, buyer.bearer(), event)) {
			Gauges.awaitInFlight(this.client, admin, 1);
		}
		Gauges.awaitInFlight(this.client, admin, 0);
		this.client.get().uri("/api/me").header("Authorization", buyer.bearer()).exchange().expectStatus().isOk();
		assertThat(output.getAll()).doesNotContain("Unhandled failure");
	}

	/**
	 * A body still arriving, a byte every 200 ms for 800 ms (never idle as long as the
	 * read timeout, which alone would cut it at 1.8 s, without an answer), is cut off at
	 * the body timeout from its headers: 408, the connection closed, the place free
	 * again. (The trickle ends before the timeout: a connection closed while the client
	 * is still writing is reset, and the answer lost with it.)
	 */
	@Test
	void aBodyTricklingInIsCutOffAtTheTimeout() {
		String admin = new Accounts(this.client).admin().bearer();
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 10);
		Session buyer = new Accounts(this.client).newUser();
		long started = System.nanoTime();
		String answer;
		try (StalledRequest stalled = StalledRequest.hold(this.port, buyer.bearer(), event)
			.trickle(Duration.ofMillis(200), 4)) {
			answer = stalled.answer(Duration.ofSeconds(15));
		}
		assertThat(answer).as("the connection is closed").isNotNull();
		assertThat(answer).startsWith("HTTP/1.1 408").contains("urn:boxoffice:problem:body-timeout");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
		Gauges.awaitInFlight(this.client, admin, 0);
		this.client.get().uri("/api/me").header("Authorization", buyer.bearer()).exchange().expectStatus().isOk();
	}

}
