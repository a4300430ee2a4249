package dev.boxoffice.booking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Purchases that overlap in time: the payment provider takes 400 ms, so requests really
 * are in flight together. Tests wait for a purchase to have claimed its hold (seen in
 * Redis) rather than for a fixed time, so a slow machine does not reorder them.
 */
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.payment.latency=400ms", "boxoffice.booking.max-tickets-per-buyer=4" })
class ConcurrentPurchaseTests {

	@Autowired
	WebTestClient client;

	/**
	 * A thread per request: the common pool may have fewer threads than requests racing.
	 */
	final ExecutorService racers = Executors.newCachedThreadPool();

	@AfterEach
	void stopRacers() {
		this.racers.shutdownNow();
	}

	Booking booking;

	Session organizer;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		this.booking = new Booking(this.client);
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		this.event = new Catalog(this.client).eventOnSale(this.organizer, "Lyon", 2, 10);
	}

	@Test
	void aKeyStillInFlightIs409() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-1");
		String key = UUID.randomUUID().toString();
		CompletableFuture<Answer> first = CompletableFuture
			.supplyAsync(() -> this.booking.purchase(buyer.bearer(), hold, "tok_ok", key), this.racers);
		untilClaimed(hold);
		Answer during = this.booking.purchase(buyer.bearer(), hold, "tok_ok", key);
		assertThat(during.status()).isEqualTo(409);
		assertThat(during.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:idempotency-key-in-flight");
		assertThat(first.get().status()).isEqualTo(201);
		assertThat(this.booking.purchase(buyer.bearer(), hold, "tok_ok", key).body()).isEqualTo(first.get().body());
	}

	/**
	 * As if Redis lost a hold's lock (a failover): several buyers each pass the ownership
	 * check for the same seat and reach the commit together with the same version. The
	 * optimistic check lets exactly one through; the others are compensated.
	 */
	@Test
	void purchasesReachingTheCommitWithStaleVersionsHaveExactlyOneWinner() throws Exception {
		int buyers = 5;
		List<Session> sessions = new ArrayList<>();
		List<String> holds = new ArrayList<>();
		String seatKey = Booking.eventKey(this.event, "seat:A-2-3");
		String heldKey = Booking.eventKey(this.event, "held");
		for (int i = 0; i < buyers; i++) {
			Session buyer = new Accounts(this.client).newUser();
			sessions.add(buyer);
			holds.add(this.booking.holdSeats(buyer.bearer(), this.event, "A-2-3"));
			// Steal the seat for the next buyer's hold, as a lost lock would allow (the
			// seat's key and its place in the held set both gone).
			TestServices.get().redis((redis) -> redis.del(seatKey) + redis.zrem(heldKey, "A-2-3"));
		}
		List<CompletableFuture<Answer>> purchases = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			String hold = holds.get(i);
			Session buyer = sessions.get(i);
			TestServices.get().redis((redis) -> redis.set(seatKey, hold));
			purchases.add(CompletableFuture.supplyAsync(
					() -> this.booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString()),
					this.racers));
			untilClaimed(hold);
		}
		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<Answer> purchase : purchases) {
			statuses.add(purchase.get().status());
		}
		assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
		assertThat(Booking.seatStates(this.event, "A-2-3")).containsEntry("A-2-3", "SOLD/1");
		assertThat(Booking.scalar("SELECT count(*) FROM tickets WHERE event_id = ? AND status = 'VALID'", this.event))
			.isEqualTo(1L);
		assertThat(Booking.scalar("SELECT count(*) FROM orders WHERE event_id = ? AND status = 'FAILED'", this.event))
			.isEqualTo((long) buyers - 1);
		assertThat(Booking.scalar("""
				SELECT count(*) FROM simulated_payments p JOIN orders o ON o.id = p.order_id
				WHERE o.event_id = ? AND p.status = 'CAPTURED'""", this.event)).isEqualTo(1L);
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
	}

	@Test
	void aHoldBeingBoughtCanNeitherBeReleasedNorBoughtAgain() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-2-8");
		CompletableFuture<Answer> first = CompletableFuture.supplyAsync(
				() -> this.booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString()), this.racers);
		untilClaimed(hold);
		this.client.delete()
			.uri("/api/holds/{id}", hold)
			.header("Authorization", buyer.bearer())
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:hold-being-bought");
		Answer second = this.booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString());
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:hold-unavailable");
		assertThat(first.get().status()).isEqualTo(201);
		assertThat(Booking.feedOf(this.event, "A-2-8")).containsExactly("HELD", "SOLD");
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
	}

	/**
	 * Waits until a purchase has claimed the hold (it is then in flight, with the
	 * provider).
	 */
	private void untilClaimed(String hold) {
		String record = Booking.eventKey(this.event, "hold:" + hold);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> TestServices.get().<Boolean>redis((redis) -> redis.hexists(record, "claimedBy")));
	}

	@Test
	void oneBuyersParallelPurchasesStayWithinTheTicketLimit() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		List<String> holds = List.of(this.booking.holdSeats(buyer.bearer(), this.event, "A-1-5", "A-1-6"),
				this.booking.holdSeats(buyer.bearer(), this.event, "A-1-7", "A-1-8"),
				this.booking.holdSeats(buyer.bearer(), this.event, "A-1-9", "A-1-10"));
		List<CompletableFuture<Answer>> purchases = holds.stream()
			.map((hold) -> CompletableFuture.supplyAsync(
					() -> this.booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString()),
					this.racers))
			.toList();
		List<Answer> answers = new ArrayList<>();
		for (CompletableFuture<Answer> purchase : purchases) {
			answers.add(purchase.get());
		}
		assertThat(answers).filteredOn((a) -> a.status() == 201).hasSize(2);
		assertThat(answers).filteredOn((a) -> a.status() == 409)
			.singleElement()
			.satisfies((a) -> assertThat(a.body().path("type").asString())
				.isEqualTo("urn:boxoffice:problem:ticket-limit"));
		assertThat(
				Booking.scalar("SELECT count(*) FROM tickets WHERE buyer_id = ? AND event_id = ? AND status = 'VALID'",
						buyer.userId(), this.event))
			.isEqualTo(4L);
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
		assertThat(this.booking.hold(buyer.bearer(), this.event, Map.of("seatIds", List.of("A-1-1"))).status())
			.isEqualTo(201);
	}

}
