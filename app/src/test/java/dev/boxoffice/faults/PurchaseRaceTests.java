package dev.boxoffice.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Purchases racing what could undo them: the same Idempotency-Key from many clients at
 * once, and the hold's own expiry. Each ends in exactly one outcome, checked in
 * PostgreSQL, Redis and the audit.
 */
@Tag("faults")
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.holds.ttl=2s", "boxoffice.holds.sweep-interval=200ms" })
class PurchaseRaceTests {

	static final ExecutorService clients = Executors.newFixedThreadPool(16);

	@Autowired
	WebTestClient client;

	Booking booking;

	Session organizer;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		this.booking = new Booking(this.client);
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		this.event = new Catalog(this.client).eventOnSale(this.organizer, "Lyon", 2, 10);
	}

	@AfterAll
	static void stopClients() {
		clients.shutdownNow();
	}

	@Test
	void oneKeySentByManyClientsAtOnceBuysOnce() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-1", "A-1-2");
		String key = UUID.randomUUID().toString();
		List<Answer> answers = race(16, () -> this.booking.purchase(buyer.bearer(), hold, "tok_ok", key));
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isIn(201, 409));
		assertThat(answers).filteredOn((answer) -> answer.status() == 409)
			.allSatisfy((answer) -> assertThat(answer.body().path("type").asString())
				.isEqualTo("urn:boxoffice:problem:idempotency-key-in-flight"));
		UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", this.event);
		assertThat(Booking.scalar("SELECT count(*) FROM orders WHERE event_id = ?", this.event)).isEqualTo(1L);
		assertThat(Booking.scalar("SELECT count(*) FROM simulated_payments WHERE order_id = ?", order)).isEqualTo(1L);
		Answer replayed = this.booking.purchase(buyer.bearer(), hold, "tok_ok", key);
		assertThat(replayed.status()).isEqualTo(201);
		assertThat(replayed.body().path("orderId").asString()).isEqualTo(order.toString());
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
	}

	@Test
	void oneKeyWithDifferentBodiesAtOnceDoesAtMostOneOfThem() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-3");
		String key = UUID.randomUUID().toString();
		List<String> tokens = List.of("tok_ok", "tok_decline");
		List<Answer> answers = race(12, () -> this.booking.purchase(buyer.bearer(), hold,
				tokens.get(ThreadLocalRandom.current().nextInt(2)), key));
		assertThat(answers)
			.allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isIn(201, 402, 409, 422));
		assertThat(Booking.scalar("SELECT count(*) FROM orders WHERE event_id = ?", this.event)).isEqualTo(1L);
		assertThat(Booking.scalar("SELECT count(*) FROM simulated_payments p JOIN orders o ON o.id = p.order_id "
				+ "WHERE o.event_id = ? AND p.status = 'CAPTURED'", this.event))
			.isIn(0L, 1L);
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
	}

	/**
	 * Purchases sent around the moment their holds expire: each either buys (the claim
	 * came first) or gets 409 (the hold was gone); no seat is sold with an expired hold
	 * or left held, and expired ones are on sale again.
	 */
	@Test
	void purchasesRacingTheirHoldsExpiryEitherBuyOrFindTheHoldGone() throws Exception {
		List<String> seats = new ArrayList<>();
		List<CompletableFuture<Answer>> purchases = new ArrayList<>();
		for (int number = 1; number <= 10; number++) {
			Session buyer = new Accounts(this.client).newUser();
			String seat = "A-2-" + number;
			Answer held = this.booking.hold(buyer.bearer(), this.event, java.util.Map.of("seatIds", List.of(seat)));
			Instant expires = Instant.parse(held.body().path("expiresAt").asString());
			long sendIn = Duration.between(Instant.now(), expires).toMillis()
					+ ThreadLocalRandom.current().nextLong(-150, 150);
			String holdId = held.body().path("holdId").asString();
			seats.add(seat);
			purchases.add(CompletableFuture.supplyAsync(() -> {
				sleep(sendIn);
				return this.booking.purchase(buyer.bearer(), holdId, "tok_ok", UUID.randomUUID().toString());
			}, clients));
		}
		int bought = 0;
		for (CompletableFuture<Answer> purchase : purchases) {
			Answer answer = purchase.get(30, TimeUnit.SECONDS);
			assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
			bought += (answer.status() == 201) ? 1 : 0;
		}
		String[] all = seats.toArray(String[]::new);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Long held = TestServices.get().redis((redis) -> redis.zcard(Booking.eventKey(this.event, "held")));
			assertThat(held).isZero();
		});
		long sold = Booking.seatStates(this.event, all)
			.values()
			.stream()
			.filter((state) -> state.startsWith("SOLD"))
			.count();
		assertThat(sold).isEqualTo(bought);
		assertThat(Booking.scalar("SELECT count(*) FROM tickets WHERE event_id = ? AND status = 'VALID'", this.event))
			.isEqualTo((long) bought);
		for (String seat : all) {
			assertThat(Booking.feedOf(this.event, seat)).last().isIn("SOLD", "AVAILABLE");
		}
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
	}

	/** Runs {@code request} from {@code count} clients released at the same moment. */
	private static List<Answer> race(int count, java.util.function.Supplier<Answer> request) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Answer>> racing = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			racing.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return request.get();
			}, clients));
		}
		start.countDown();
		List<Answer> answers = new ArrayList<>();
		for (CompletableFuture<Answer> answer : racing) {
			answers.add(answer.get(30, TimeUnit.SECONDS));
		}
		return answers;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(Math.max(0, millis));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
