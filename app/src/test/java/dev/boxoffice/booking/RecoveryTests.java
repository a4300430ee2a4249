package dev.boxoffice.booking;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crashes and expiry. A saga is stopped dead after a chosen step (as a killed process
 * would stop); recovery, with nobody asking, drives the order to a final state. A hold
 * with a 2-second TTL frees its seats by itself.
 */
@IntegrationTest
@Import(RecoveryTests.Crashes.class)
@TestPropertySource(properties = { "boxoffice.booking.recovery-after=1s", "boxoffice.booking.recovery-interval=300ms",
		"boxoffice.payment.timeout=400ms", "boxoffice.holds.ttl=2s", "boxoffice.holds.sweep-interval=250ms" })
class RecoveryTests {

	static final AtomicReference<SagaStep> crashAfter = new AtomicReference<>();

	@TestConfiguration(proxyBeanMethods = false)
	static class Crashes {

		@Bean
		@Primary
		SagaCheckpoints crashingCheckpoints() {
			return new SagaCheckpoints() {
				@Override
				Mono<Void> reached(SagaStep step) {
					return (step == crashAfter.get()) ? Mono.never() : Mono.empty();
				}
			};
		}

	}

	@Autowired
	WebTestClient client;

	Booking booking;

	Session organizer;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		this.booking = new Booking(this.client);
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		this.event = new Catalog(this.client).eventOnSale(this.organizer, "Lyon", 1, 10);
	}

	@AfterEach
	void noMoreCrashes() {
		crashAfter.set(null);
	}

	@ParameterizedTest
	@CsvSource({ "CREATED, FAILED, NONE, AVAILABLE/0, 409", "AUTHORIZED, FAILED, VOIDED, AVAILABLE/0, 409",
			"COMMITTED, CONFIRMED, CAPTURED, SOLD/1, 201", "CAPTURED, CONFIRMED, CAPTURED, SOLD/1, 201" })
	void aSagaCutShortAfterAnyStepIsRecoveredToAFinalState(SagaStep step, String orderStatus, String payment,
			String seats, int replay) throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-1", "A-1-2");
		String key = UUID.randomUUID().toString();
		crashAfter.set(step);
		this.booking.purchaseAndHangUp(buyer.bearer(), hold, key);
		crashAfter.set(null);
		UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", this.event);
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", order))
				.isEqualTo(orderStatus));
		Object paid = Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", order);
		assertThat(paid == null ? "NONE" : paid).isEqualTo(payment);
		assertThat(Booking.seatStates(this.event, "A-1-1", "A-1-2")).containsValues(seats, seats);
		// The retry with the same key gets the recovered outcome: this very order, or a
		// problem detail naming it.
		Answer replayed = this.booking.purchase(buyer.bearer(), hold, "tok_ok", key);
		assertThat(replayed.status()).isEqualTo(replay);
		assertThat(replayed.body().path("orderId").asString()).isEqualTo(order.toString());
		if (replay == 201) {
			assertThat(replayed.body().path("status").asString()).isEqualTo(orderStatus);
		}
		else {
			assertThat(replayed.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:purchase-failed");
		}
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Long keys = TestServices.get().redis((redis) -> redis.exists(Booking.eventKey(this.event, "seat:A-1-1")));
			assertThat(keys).isZero();
			assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
		});
		assertThat(Booking.feedOf(this.event, "A-1-1")).last()
			.isEqualTo(seats.startsWith("SOLD") ? "SOLD" : "AVAILABLE");
	}

	/**
	 * The same for places: recovered to the final state, the places claimed in PostgreSQL
	 * and counted in Redis exactly as the outcome says, once.
	 */
	@ParameterizedTest
	@CsvSource({ "CREATED, FAILED, 0", "AUTHORIZED, FAILED, 0", "COMMITTED, CONFIRMED, 3", "CAPTURED, CONFIRMED, 3" })
	void aSagaOfPlacesCutShortIsRecoveredWithItsPlacesCountedOnce(SagaStep step, String orderStatus, long sold)
			throws Exception {
		UUID club = new Catalog(this.client).placesOnSale(this.organizer, 10, 2500);
		String pool = Booking.scalar("SELECT CAST(id AS text) FROM capacity_pools WHERE event_id = ?", club).toString();
		String type = Booking.scalar("SELECT CAST(id AS text) FROM ticket_types WHERE event_id = ?", club).toString();
		Session buyer = new Accounts(this.client).newUser();
		Answer hold = this.booking.hold(buyer.bearer(), club,
				Map.of("items", List.of(Map.of("ticketTypeId", type, "quantity", 3))));
		assertThat(hold.status()).isEqualTo(201);
		crashAfter.set(step);
		this.booking.purchaseAndHangUp(buyer.bearer(), hold.body().path("holdId").asString(),
				UUID.randomUUID().toString());
		crashAfter.set(null);
		UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", club);
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", order))
				.isEqualTo(orderStatus));
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String units = Booking.eventKey(club, "units");
			String held = TestServices.get().redis((redis) -> redis.hget(units, pool + "|held"));
			String soldInRedis = TestServices.get().redis((redis) -> redis.hget(units, pool + "|sold"));
			assertThat(held).isEqualTo("0");
			assertThat(soldInRedis).isEqualTo(Long.toString(sold));
			assertThat(this.booking.audit(this.organizer.bearer(), club).path("ok").asBoolean()).isTrue();
		});
		assertThat(((Number) Booking.scalar(
				"SELECT count(*) FROM allotment_units WHERE allotment_id = CAST(? AS uuid) AND order_id IS NOT NULL",
				pool))
			.longValue()).isEqualTo(sold);
	}

	@Test
	void anOrderAnEarlierVersionLeftAtCapturedIsConfirmed() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-3");
		crashAfter.set(SagaStep.CAPTURED);
		this.booking.purchaseAndHangUp(buyer.bearer(), hold, UUID.randomUUID().toString());
		// Captured, not yet confirmed; then moved to the step earlier versions recorded
		// after a capture.
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(Booking.scalar(
					"UPDATE orders o SET step = 'CAPTURED' FROM simulated_payments p WHERE o.event_id = ? "
							+ "AND o.step = 'COMMITTED' AND p.order_id = o.id AND p.status = 'CAPTURED' RETURNING o.id",
					this.event))
				.isNotNull());
		crashAfter.set(null);
		UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", this.event);
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", order))
				.isEqualTo("CONFIRMED"));
		assertThat(Booking.scalar("SELECT step FROM orders WHERE id = ?", order)).isEqualTo("DONE");
		assertThat(Booking.seatStates(this.event, "A-1-3")).containsValues("SOLD/1");
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
	}

	/**
	 * Keys requests left in flight (they died, or could not keep their outcome) are
	 * finished by recovery: given the order's outcome when it is final, forgotten when
	 * the request made no order.
	 */
	@Test
	void keysLeftInFlightAreGivenTheirOrdersOutcomeOrForgotten() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-7");
		String bought = UUID.randomUUID().toString();
		assertThat(this.booking.purchase(buyer.bearer(), hold, "tok_ok", bought).status()).isEqualTo(201);
		String orderless = UUID.randomUUID().toString();
		Booking
			.scalar("UPDATE idempotency_keys SET status = 'IN_FLIGHT', response_status = NULL, response_body = NULL, "
					+ "created_at = now() - interval '1 hour' WHERE key = ? RETURNING key", bought);
		Booking.scalar("INSERT INTO idempotency_keys (buyer_id, key, request_hash, status, created_at, expires_at) "
				+ "VALUES (?, ?, '\\x00', 'IN_FLIGHT', now() - interval '1 hour', now() + interval '1 day') RETURNING key",
				buyer.userId(), orderless);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(Booking.scalar("SELECT status FROM idempotency_keys WHERE key = ?", bought)).isEqualTo("DONE");
			assertThat(Booking.scalar("SELECT count(*) FROM idempotency_keys WHERE key = ?", orderless)).isEqualTo(0L);
		});
		Answer replayed = this.booking.purchase(buyer.bearer(), hold, "tok_ok", bought);
		assertThat(replayed.status()).isEqualTo(201);
		assertThat(replayed.body().path("status").asString()).isEqualTo("CONFIRMED");
	}

	@Test
	void anUnboughtHoldFreesItsSeatsSoonAfterItsTtlWithoutAnyRequest() {
		Session buyer = new Accounts(this.client).newUser();
		this.booking.holdSeats(buyer.bearer(), this.event, "A-1-5", "A-1-6");
		long start = System.nanoTime();
		Awaitility.await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			assertThat(Booking.feedOf(this.event, "A-1-5")).containsExactly("HELD", "AVAILABLE");
			assertThat(Booking.feedOf(this.event, "A-1-6")).containsExactly("HELD", "AVAILABLE");
		});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
		Long held = TestServices.get().redis((redis) -> redis.zcard(Booking.eventKey(this.event, "held")));
		assertThat(held).isZero();
		assertThat(this.booking.hold(buyer.bearer(), this.event, Map.of("seatIds", List.of("A-1-5"))).status())
			.isEqualTo(201);
	}

}
