package dev.boxoffice.booking;

import java.time.Duration;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A buyer who goes away in the middle of a purchase (a client timeout, a dropped
 * connection), at any step of it, does not stop it: the saga runs to its end at once, not
 * when recovery would find it (here, ten minutes later).
 */
@IntegrationTest
@Import(SagaGate.Config.class)
@TestPropertySource(properties = { "boxoffice.booking.recovery-after=10m", "boxoffice.booking.recovery-interval=10m" })
class ClientGoneTests {

	@Autowired
	WebTestClient client;

	@AfterEach
	void openTheGate() {
		SagaGate.open();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATED", "AUTHORIZED", "COMMITTED", "CAPTURED" })
	void aPurchaseWhoseBuyerHungUpStillSettlesAtOnce(String step) throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 10);
		Booking booking = new Booking(this.client);
		Session buyer = new Accounts(this.client).newUser();
		String hold = booking.holdSeats(buyer.bearer(), event, "A-1-1", "A-1-2");
		String key = UUID.randomUUID().toString();
		SagaGate.closeAfter(step);
		booking.purchaseAndHangUp(buyer.bearer(), hold, key);
		UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", event);
		assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", order)).isEqualTo("PENDING");
		SagaGate.open();

		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", order))
				.isEqualTo("CONFIRMED"));
		assertThat(Booking.seatStates(event, "A-1-1", "A-1-2")).containsValues("SOLD/1", "SOLD/1");
		assertThat(Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", order))
			.isEqualTo("CAPTURED");
		// Asking again with the same key gives the outcome the buyer missed.
		Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			Answer replayed = booking.purchase(buyer.bearer(), hold, "tok_ok", key);
			assertThat(replayed.status()).isEqualTo(201);
			assertThat(replayed.body().path("orderId").asString()).isEqualTo(order.toString());
		});
		assertThat(booking.audit(organizer.bearer(), event).path("ok").asBoolean()).isTrue();
	}

}
