package dev.boxoffice.booking;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancelling an order refunds it once and puts its seats back on sale. */
@IntegrationTest
class CancellationTests {

	@Autowired
	WebTestClient client;

	Booking booking;

	Session organizer;

	Session buyer;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		this.booking = new Booking(this.client);
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		this.buyer = new Accounts(this.client).newUser();
		this.event = new Catalog(this.client).eventOnSale(this.organizer, "Lyon", 1, 10);
	}

	@Test
	void twoCancellationsAtOnceRefundOnceAndReturnTheSeats() throws Exception {
		String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-3", "A-1-4");
		String order = this.booking.purchase(this.buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString())
			.body()
			.path("orderId")
			.asString();
		List<CompletableFuture<Integer>> cancels = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			cancels.add(CompletableFuture.supplyAsync(() -> this.client.post()
				.uri("/api/orders/{id}/cancel", order)
				.header("Authorization", this.buyer.bearer())
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value()));
		}
		for (CompletableFuture<Integer> cancel : cancels) {
			assertThat(cancel.get()).isEqualTo(200);
		}
		UUID orderId = UUID.fromString(order);
		assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", orderId)).isEqualTo("CANCELLED");
		assertThat(Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", orderId)).isEqualTo("REFUNDED");
		assertThat(Booking.scalar("SELECT refunds FROM simulated_payments WHERE order_id = ?", orderId)).isEqualTo(1);
		assertThat(Booking.scalar("SELECT count(*) FROM tickets WHERE order_id = ? AND status = 'VALID'", orderId))
			.isEqualTo(0L);
		assertThat(Booking.seatStates(this.event, "A-1-3", "A-1-4")).containsValues("AVAILABLE/2", "AVAILABLE/2");
		Boolean stillSold = TestServices.get().redis((redis) -> redis.sismember(Booking.eventKey(this.event, "sold"), "A-1-3"));
		assertThat(stillSold).isFalse();
		assertThat(Booking.feedOf(this.event, "A-1-3")).containsExactly("HELD", "SOLD", "AVAILABLE");
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
		// The seats are on sale again.
		String again = this.booking.holdSeats(new Accounts(this.client).newUser().bearer(), this.event, "A-1-3");
		assertThat(again).isNotBlank();
	}

	@Test
	void onlyTheBuyerCancelsAndOnlyAConfirmedOrder() {
		String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-8");
		String order = this.booking.purchase(this.buyer.bearer(), hold, "tok_decline", UUID.randomUUID().toString())
			.body()
			.path("type")
			.asString();
		assertThat(order).isEqualTo("urn:boxoffice:problem:payment-declined");
		UUID failedOrder = uuid("SELECT id FROM orders WHERE event_id = ?");
		this.client.post().uri("/api/orders/{id}/cancel", failedOrder).header("Authorization", this.buyer.bearer())
			.exchange().expectStatus().isEqualTo(409);
		this.client.post().uri("/api/orders/{id}/cancel", failedOrder)
			.header("Authorization", new Accounts(this.client).newUser().bearer()).exchange().expectStatus().isNotFound();
	}

	private UUID uuid(String sql) {
		try {
			return (UUID) Booking.scalar(sql, this.event);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
