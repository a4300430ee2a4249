package dev.boxoffice.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.boxoffice.booking.SagaGate;
import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.PaymentStatus;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TcpProxy;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL broken under a sale: restarted, slow, a table locked past the lock timeout,
 * the pool exhausted. The application reaches PostgreSQL through a relay the test
 * controls; locks are taken behind its back. Every case ends with the orders final and
 * the audit clean.
 */
@Tag("faults")
@IntegrationTest
@DirtiesContext
@Import(SagaGate.Config.class)
// Recovery takes over only orders untouched for longer than any of these tests keeps a
// purchase waiting on a lock: it must not free a hold the purchase gives back itself.
@TestPropertySource(properties = { "boxoffice.database.lock-timeout=1s", "boxoffice.booking.recovery-after=4s",
		"boxoffice.booking.recovery-interval=300ms", "boxoffice.payment.timeout=400ms", "spring.r2dbc.pool.max-size=4",
		"spring.r2dbc.pool.max-acquire-time=1s" })
class PostgresFaultTests {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PostgresFaultTests.class);

	static final TestServices services = TestServices.get();

	static final TcpProxy relay = new TcpProxy(services.pgHost(), services.pgPort());

	@DynamicPropertySource
	static void throughTheRelay(DynamicPropertyRegistry registry) {
		registry.add("spring.r2dbc.url",
				() -> "r2dbc:postgresql://127.0.0.1:" + relay.port() + "/" + services.database());
	}

	@AfterAll
	static void closeRelay() {
		relay.close();
	}

	@Autowired
	WebTestClient client;

	@Autowired
	PaymentGateway payments;

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
	void mend() {
		SagaGate.open();
		relay.delay(Duration.ZERO);
		relay.start();
	}

	/**
	 * The seats table is locked longer than the lock timeout: holds and the purchase's
	 * commit give up with 503. The purchase is undone at once — payment voided, order
	 * failed — and the buyer keeps the hold, which a new purchase then buys.
	 */
	@Test
	void aTableLockedPastTheLockTimeoutAnswers503AndUndoesThePurchaseAtOnce() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-1");
		String key = UUID.randomUUID().toString();
		CompletableFuture<Void> lock = lockFor("seats", Duration.ofSeconds(3));
		Answer blocked = this.booking.hold(new Accounts(this.client).newUser().bearer(), this.event,
				Map.of("seatIds", List.of("A-1-2")));
		Answer interrupted = this.booking.purchase(buyer.bearer(), hold, "tok_ok", key);
		lock.get(10, TimeUnit.SECONDS);
		assertThat(blocked.status()).isEqualTo(503);
		assertThat(interrupted.status()).as(interrupted.toString()).isEqualTo(503);
		UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", this.event);
		assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", order)).isEqualTo("FAILED");
		assertThat(Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", order))
			.isEqualTo("VOIDED");
		Answer replayed = this.booking.purchase(buyer.bearer(), hold, "tok_ok", key);
		assertThat(replayed.status()).isEqualTo(409);
		assertThat(replayed.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:purchase-failed");
		// The hold is still the buyer's, and can be bought.
		Answer bought = this.booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString());
		assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
		assertThat(Booking.seatStates(this.event, "A-1-1")).containsValues("SOLD/1");
		assertThat(auditOk()).isTrue();
	}

	/**
	 * The connection breaks right after PostgreSQL committed the sale, before its answer
	 * came back. The buyer gets 503, but the sale stands: the purchase is not undone on a
	 * guess, and recovery confirms it (captured, tickets valid); the key replays it.
	 */
	@Test
	void aCommitWhoseAnswerIsLostIsConfirmedNotUndone() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-6", "A-1-7");
		String key = UUID.randomUUID().toString();
		// The sale commits in one statement (sell_order), whose text a connection sends
		// only once (prepared statements are cached). Its parameters name the hold in the
		// places' mark, "<hold>|<units>", which no earlier statement of the purchase
		// sends.
		relay.loseAnswerTo(hold + "|");
		Answer lost = this.booking.purchase(buyer.bearer(), hold, "tok_ok", key);
		assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
		assertThat(relay.markedRequests()).as("commits whose answer was lost").isEqualTo(1);
		UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", this.event);
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.until(() -> "CONFIRMED".equals(Booking.scalar("SELECT status FROM orders WHERE id = ?", order)));
		assertThat(Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", order))
			.isEqualTo("CAPTURED");
		assertThat(Booking.seatStates(this.event, "A-1-6", "A-1-7")).containsValues("SOLD/1", "SOLD/1");
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.booking.purchase(buyer.bearer(), hold, "tok_ok", key).status())
				.isEqualTo(201));
		assertThat(auditOk()).isTrue();
	}

	/**
	 * PostgreSQL restarts while purchases are under way: its sessions are ended and new
	 * ones refused for a few seconds. Requests meanwhile get 503; the purchases caught
	 * between two steps end FAILED with nothing charged once recovery reaches them, and
	 * their keys replay that.
	 */
	@Test
	void postgresRestartingMidSaleLeavesEveryOrderFinal() throws Exception {
		Session first = new Accounts(this.client).newUser();
		Session second = new Accounts(this.client).newUser();
		String firstHold = this.booking.holdSeats(first.bearer(), this.event, "A-1-3");
		String secondHold = this.booking.holdSeats(second.bearer(), this.event, "A-1-4", "A-1-5");
		String firstKey = UUID.randomUUID().toString();
		String secondKey = UUID.randomUUID().toString();
		SagaGate.closeAfter("AUTHORIZED");
		CompletableFuture<Answer> firstBuys = CompletableFuture
			.supplyAsync(() -> this.booking.purchase(first.bearer(), firstHold, "tok_ok", firstKey));
		CompletableFuture<Answer> secondBuys = CompletableFuture
			.supplyAsync(() -> this.booking.purchase(second.bearer(), secondHold, "tok_ok", secondKey));
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> ((Long) Booking
				.scalar("SELECT count(*) FROM orders o JOIN simulated_payments p ON p.order_id = o.id "
						+ "WHERE o.event_id = ? AND p.status = 'AUTHORIZED'", this.event)) == 2);
		restartPostgres(() -> {
			this.client.get().uri("/api/events/{id}/seats", this.event).exchange().expectStatus().isEqualTo(503);
			this.client.get().uri("/api/events/{id}", this.event).exchange().expectStatus().isEqualTo(503);
			SagaGate.open();
			assertThat(firstBuys.get(20, TimeUnit.SECONDS).status()).isEqualTo(503);
			assertThat(secondBuys.get(20, TimeUnit.SECONDS).status()).isEqualTo(503);
		});
		long back = System.nanoTime();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.client.get()
				.uri("/api/events/{id}/seats", this.event)
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
		log.info("Requests served again {} ms after PostgreSQL came back", (System.nanoTime() - back) / 1_000_000);
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> ((Long) Booking.scalar(
					"SELECT count(*) FROM orders WHERE event_id = ? AND status = 'FAILED' AND NOT redis_pending",
					this.event)) == 2);
		log.info("Interrupted purchases final {} ms after PostgreSQL came back (recovery-after 4 s here)",
				(System.nanoTime() - back) / 1_000_000);
		assertThat(Booking.scalar("SELECT count(*) FROM simulated_payments p JOIN orders o ON o.id = p.order_id "
				+ "WHERE o.event_id = ? AND p.status <> 'VOIDED'", this.event))
			.isEqualTo(0L);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.booking.purchase(first.bearer(), firstHold, "tok_ok", firstKey).status()).isEqualTo(409);
			assertThat(this.booking.purchase(second.bearer(), secondHold, "tok_ok", secondKey).status()).isEqualTo(409);
		});
		assertThat(Booking.seatStates(this.event, "A-1-3", "A-1-4", "A-1-5")).containsValues("AVAILABLE/0",
				"AVAILABLE/0", "AVAILABLE/0");
		assertThat(auditOk()).isTrue();
	}

	/**
	 * Every connection of the service's pool waits on a lock, and the payment provider
	 * still answers: it has connections of its own (so the voids that undo failed
	 * purchases are not stuck behind the same lock).
	 */
	@Test
	void thePaymentProviderAnswersWhileTheServicesPoolIsExhausted() throws Exception {
		CompletableFuture<Void> lock = lockFor("seats", Duration.ofSeconds(4));
		List<CompletableFuture<Integer>> waiting = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			waiting.add(CompletableFuture.supplyAsync(() -> this.client.get()
				.uri("/api/events/{id}/seats", this.event)
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value()));
		}
		Thread.sleep(500);
		UUID order = UUID.randomUUID();
		String payment = this.payments.authorize(order, "tok_ok", 1000, "EUR").block(Duration.ofSeconds(5));
		PaymentStatus voided = this.payments.cancel(order).block(Duration.ofSeconds(5));
		assertThat(payment).isNotBlank();
		assertThat(voided).isEqualTo(PaymentStatus.VOIDED);
		lock.get(10, TimeUnit.SECONDS);
		for (CompletableFuture<Integer> request : waiting) {
			assertThat(request.get(20, TimeUnit.SECONDS)).isIn(200, 503);
		}
	}

	/** Every chunk to and from PostgreSQL late: slower, and still correct. */
	@Test
	void slowPostgresStillSellsEachSeatOnce() throws Exception {
		relay.delay(Duration.ofMillis(20));
		List<CompletableFuture<Answer>> buyers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Session buyer = new Accounts(this.client).newUser();
			buyers.add(CompletableFuture.supplyAsync(() -> {
				Answer held = this.booking.hold(buyer.bearer(), this.event, Map.of("section", "A", "quantity", 2));
				return (held.status() != 201) ? held : this.booking.purchase(buyer.bearer(),
						held.body().path("holdId").asString(), "tok_ok", UUID.randomUUID().toString());
			}));
		}
		long sold = 0;
		for (CompletableFuture<Answer> buyer : buyers) {
			Answer answer = buyer.get(60, TimeUnit.SECONDS);
			assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
			sold += (answer.status() == 201) ? 2 : 0;
		}
		relay.delay(Duration.ZERO);
		assertThat(sold).isBetween(6L, 10L);
		assertThat(Booking.scalar("SELECT count(*) FROM tickets WHERE event_id = ? AND status = 'VALID'", this.event))
			.isEqualTo(sold);
		assertThat(auditOk()).isTrue();
	}

	/**
	 * As a restart looks from the service: every session ended by the server, then
	 * connections refused; {@code meanwhile} runs during the outage.
	 */
	private void restartPostgres(ThrowingRunnable meanwhile) throws Exception {
		int[] sessions = relay.upstreamPorts();
		try (Connection db = services.jdbc();
				PreparedStatement end = db.prepareStatement(
						"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE client_port = ANY (?)")) {
			end.setArray(1, db.createArrayOf("int4", java.util.Arrays.stream(sessions).boxed().toArray()));
			end.execute();
		}
		relay.stop();
		try {
			meanwhile.run();
			Thread.sleep(1000);
		}
		finally {
			relay.start();
		}
	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Exception;

	}

	/**
	 * Locks a table behind the service's back, in a transaction of its own, for
	 * {@code howLong}.
	 */
	private static CompletableFuture<Void> lockFor(String table, Duration howLong) throws Exception {
		CompletableFuture<Void> locked = new CompletableFuture<>();
		CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
			try (Connection db = services.jdbc(); Statement statement = db.createStatement()) {
				db.setAutoCommit(false);
				statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
				locked.complete(null);
				Thread.sleep(howLong.toMillis());
				db.rollback();
			}
			catch (Exception ex) {
				locked.completeExceptionally(ex);
				throw new IllegalStateException(ex);
			}
		});
		locked.get(10, TimeUnit.SECONDS);
		return done;
	}

	private boolean auditOk() {
		return Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
			JsonNode report = this.booking.audit(this.organizer.bearer(), this.event);
			return report.path("ok").asBoolean();
		}, (ok) -> ok);
	}

}
