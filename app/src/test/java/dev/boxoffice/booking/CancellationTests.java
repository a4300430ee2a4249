package dev.boxoffice.booking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling an order refunds it once and puts its seats back on sale; cancelling an
 * event does that for each of its confirmed orders.
 */
@IntegrationTest
class CancellationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	CancelledEventRefunds refunds;

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
		assertThat(Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", orderId))
			.isEqualTo("REFUNDED");
		assertThat(Booking.scalar("SELECT refunds FROM simulated_payments WHERE order_id = ?", orderId)).isEqualTo(1);
		assertThat(Booking.scalar("SELECT count(*) FROM tickets WHERE order_id = ? AND status = 'VALID'", orderId))
			.isEqualTo(0L);
		assertThat(Booking.seatStates(this.event, "A-1-3", "A-1-4")).containsValues("AVAILABLE/2", "AVAILABLE/2");
		Boolean stillSold = TestServices.get()
			.redis((redis) -> redis.sismember(Booking.eventKey(this.event, "sold"), "A-1-3"));
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
		this.client.post()
			.uri("/api/orders/{id}/cancel", failedOrder)
			.header("Authorization", this.buyer.bearer())
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		this.client.post()
			.uri("/api/orders/{id}/cancel", failedOrder)
			.header("Authorization", new Accounts(this.client).newUser().bearer())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void cancellingAnEventCancelsAndRefundsEachConfirmedOrderOnceAndTellsItsBuyer() throws Exception {
		Session other = new Accounts(this.client).newUser();
		UUID two = order(this.booking.purchase(this.buyer.bearer(),
				this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-1", "A-1-2"), "tok_ok", key()));
		UUID one = order(this.booking.purchase(other.bearer(),
				this.booking.holdSeats(other.bearer(), this.event, "A-1-3"), "tok_ok", key()));
		assertThat(this.booking
			.purchase(other.bearer(), this.booking.holdSeats(other.bearer(), this.event, "A-1-4"), "tok_decline", key())
			.status()).isEqualTo(402);
		UUID declined = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ? AND status = 'FAILED'",
				this.event);
		Object declinedPayment = Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", declined);
		cancelTheEvent();
		// Two passes at once, besides the scheduled one: each order is still refunded
		// once.
		List<Long> cancelled = Flux.merge(this.refunds.refundDue(), this.refunds.refundDue())
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(cancelled.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(2);
		Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", two)).isEqualTo("CANCELLED");
			assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", one)).isEqualTo("CANCELLED");
		});
		for (UUID order : List.of(two, one)) {
			assertThat(Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", order))
				.isEqualTo("REFUNDED");
			assertThat(Booking.scalar("SELECT refunds FROM simulated_payments WHERE order_id = ?", order)).isEqualTo(1);
		}
		assertThat(Booking.scalar("SELECT count(*) FROM tickets WHERE event_id = ? AND status = 'VALID'", this.event))
			.isEqualTo(0L);
		assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", declined)).isEqualTo("FAILED");
		assertThat(Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", declined))
			.isEqualTo(declinedPayment);
		assertThat(Booking.seatStates(this.event, "A-1-1", "A-1-2", "A-1-3"))
			.containsOnlyKeys("A-1-1", "A-1-2", "A-1-3")
			.allSatisfy((seat, state) -> assertThat(state).isEqualTo("AVAILABLE/2"));
		Long stillSold = TestServices.get().redis((redis) -> redis.scard(Booking.eventKey(this.event, "sold")));
		assertThat(stillSold).isZero();
		String notes = TestServices.get().keyPrefix() + "notes:{u:" + this.buyer.userId() + "}";
		List<Map<String, String>> told = TestServices.get()
			.redis((redis) -> redis.xrange(notes, io.lettuce.core.Range.unbounded()))
			.stream()
			.map((entry) -> entry.getBody())
			.filter((body) -> "order-cancelled".equals(body.get("type")))
			.toList();
		assertThat(told).singleElement().satisfies((body) -> {
			assertThat(body).containsEntry("orderId", two.toString()).containsEntry("eventId", this.event.toString());
			assertThat(body.get("reason")).isEqualTo("the event was cancelled");
		});
		// Nothing is left to do.
		assertThat(this.refunds.refundDue().block(Duration.ofSeconds(10))).isZero();
	}

	@Test
	void aHoldOfACancelledEventIsNotBought() throws Exception {
		String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-9");
		cancelTheEvent();
		Answer refused = this.booking.purchase(this.buyer.bearer(), hold, "tok_ok", key());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:event-status");
		assertThat(Booking.scalar("SELECT count(*) FROM orders WHERE event_id = ?", this.event)).isEqualTo(0L);
		assertThat(Booking.seatStates(this.event, "A-1-9")).containsEntry("A-1-9", "AVAILABLE/0");
	}

	private void cancelTheEvent() {
		new Catalog(this.client).cancel(this.organizer, this.event);
	}

	private static UUID order(Answer purchase) {
		assertThat(purchase.status()).isEqualTo(201);
		return UUID.fromString(purchase.body().path("orderId").asString());
	}

	private static String key() {
		return UUID.randomUUID().toString();
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
