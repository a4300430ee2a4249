package dev.boxoffice.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.boxoffice.booking.SagaGate;
import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.PaymentStatus;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.LiveSeatMap;
import dev.boxoffice.support.RedisServer;
import dev.boxoffice.support.TcpProxy;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis broken under a sale: killed, restarted empty, wiped, slow, losing a reply. The
 * application talks to a Redis server of this test's own through a relay the test
 * controls. Every case ends with PostgreSQL, Redis and the audit checked.
 */
@Tag("faults")
@IntegrationTest
@DirtiesContext
@Import({ SagaGate.Config.class, RedisFaultTests.RedisGoesAwayOnDecline.class })
// Recovery takes over only orders untouched for longer than these tests keep purchases
// waiting at the gate while Redis is broken.
@TestPropertySource(properties = { "spring.data.redis.timeout=1s", "boxoffice.booking.recovery-after=5s",
		"boxoffice.booking.recovery-interval=300ms", "boxoffice.payment.timeout=400ms",
		"boxoffice.holds.sweep-interval=250ms" })
class RedisFaultTests {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RedisFaultTests.class);

	static final RedisServer redis = RedisServer.onFreePort();

	static final TcpProxy relay = new TcpProxy("127.0.0.1", redis.port());

	/** When set, the next declined authorization first cuts the application off Redis. */
	static final AtomicBoolean cutRedisOnDecline = new AtomicBoolean();

	@TestConfiguration(proxyBeanMethods = false)
	static class RedisGoesAwayOnDecline {

		@Bean
		@Primary
		PaymentGateway redisGoesAwayOnDecline(@Qualifier("simulatedPaymentProvider") PaymentGateway provider) {
			return new PaymentGateway() {
				@Override
				public Mono<String> authorize(UUID orderId, String paymentToken, long amountCents, String currency) {
					return Mono.defer(() -> {
						if ("tok_decline".equals(paymentToken) && cutRedisOnDecline.getAndSet(false)) {
							relay.stop();
						}
						return provider.authorize(orderId, paymentToken, amountCents, currency);
					});
				}

				@Override
				public Mono<Void> capture(UUID orderId) {
					return provider.capture(orderId);
				}

				@Override
				public Mono<PaymentStatus> cancel(UUID orderId) {
					return provider.cancel(orderId);
				}

				@Override
				public Mono<PaymentStatus> status(UUID orderId) {
					return provider.status(orderId);
				}
			};
		}

	}

	@DynamicPropertySource
	static void throughTheRelay(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", relay::port);
	}

	/**
	 * The suite needs a Redis of its own to break; CI always has one (.ci/run installs
	 * it).
	 */
	@BeforeAll
	static void startRedis() {
		Assumptions.assumeTrue(RedisServer.installed() || "true".equals(System.getenv("CI")),
				"redis-server is not installed: Redis faults are not tried");
		redis.restart();
	}

	@AfterAll
	static void stopRedis() {
		relay.close();
		redis.close();
	}

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	Booking booking;

	Session organizer;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		relay.start();
		redis.restart();
		this.booking = new Booking(this.client);
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		this.event = new Catalog(this.client).eventOnSale(this.organizer, "Lyon", 1, 10);
	}

	@AfterEach
	void mendEverything() {
		SagaGate.open();
		relay.delayRequestsContaining("", Duration.ZERO);
		relay.start();
		redis.restart();
	}

	@Test
	void whileRedisIsDownEveryRequestThatNeedsItGets503WithRetryAfter() {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-1");
		redis.kill();
		expect503(this.client.get().uri("/api/events/{id}/seats", this.event));
		expect503(this.client.get().uri("/api/events/{id}", this.event));
		expect503(this.client.get().uri("/api/holds/{id}", hold).header("Authorization", buyer.bearer()));
		expect503(this.client.post()
			.uri("/api/events/{id}/holds", this.event)
			.header("Authorization", buyer.bearer())
			.bodyValue(Map.of("seatIds", List.of("A-1-2"))));
		expect503(this.client.post()
			.uri("/api/holds/{id}/purchase", hold)
			.header("Authorization", buyer.bearer())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.bodyValue(Map.of("paymentToken", "tok_ok")));
		redis.restart();
		long back = System.nanoTime();
		// Redis came back empty: the hold is gone, the seats can be held again.
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions()
			.until(() -> this.booking.hold(buyer.bearer(), this.event, Map.of("seatIds", List.of("A-1-1")))
				.status() == 201);
		log.info("Holds served again {} ms after Redis came back", (System.nanoTime() - back) / 1_000_000);
		assertThat(audit().path("ok").asBoolean()).as(audit().toString()).isTrue();
	}

	/**
	 * Redis loses everything while purchases are under way: a purchase that had claimed
	 * its hold completes (PostgreSQL arbitrates the seats), a hold nobody was buying is
	 * gone (404), and a watcher connected all along is shown the truth again.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "restarted empty", "wiped" })
	void purchasesUnderWayWhenRedisLosesItsDataCompleteAndTheLiveStreamConverges(String fault) throws Exception {
		Session first = new Accounts(this.client).newUser();
		Session second = new Accounts(this.client).newUser();
		Session idle = new Accounts(this.client).newUser();
		String firstHold = this.booking.holdSeats(first.bearer(), this.event, "A-1-1", "A-1-2");
		String secondHold = this.booking.holdSeats(second.bearer(), this.event, "A-1-3");
		String idleHold = this.booking.holdSeats(idle.bearer(), this.event, "A-1-4", "A-1-5");
		try (LiveSeatMap map = LiveSeatMap.watch("http://127.0.0.1:" + this.port, this.event).connected()) {
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "HELD".equals(map.status("A-1-5")));
			SagaGate.closeAfter("AUTHORIZED");
			CompletableFuture<Answer> firstBuys = buyAsync(first, firstHold);
			CompletableFuture<Answer> secondBuys = buyAsync(second, secondHold);
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> ((Long) Booking
					.scalar("SELECT count(*) FROM orders o JOIN simulated_payments p ON p.order_id = o.id "
							+ "WHERE o.event_id = ? AND p.status = 'AUTHORIZED'", this.event)) == 2);
			if (fault.equals("wiped")) {
				redis.wipe();
			}
			else {
				redis.kill();
				redis.restart();
			}
			SagaGate.open();
			assertThat(firstBuys.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
			assertThat(secondBuys.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
			// The idle hold is lost: its buyer learns so, and cannot buy it.
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.until(() -> this.client.get()
					.uri("/api/holds/{id}", idleHold)
					.header("Authorization", idle.bearer())
					.exchange()
					.returnResult(String.class)
					.getStatus()
					.value() == 404);
			assertThat(this.booking.purchase(idle.bearer(), idleHold, "tok_ok", UUID.randomUUID().toString()).status())
				.isEqualTo(409);
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(map.status("A-1-1")).isEqualTo("SOLD");
				assertThat(map.status("A-1-3")).isEqualTo("SOLD");
				assertThat(map.status("A-1-4")).isEqualTo("AVAILABLE");
				assertThat(map.status("A-1-5")).isEqualTo("AVAILABLE");
			});
		}
		assertThat(Booking.seatStates(this.event, "A-1-1", "A-1-2", "A-1-3", "A-1-4")).containsValues("SOLD/1",
				"SOLD/1", "SOLD/1", "AVAILABLE/0");
		assertThat(
				Booking.scalar(
						"SELECT count(*) FROM simulated_payments p JOIN orders o ON o.id = p.order_id "
								+ "WHERE o.event_id = ? AND p.status = 'CAPTURED' AND o.status = 'CONFIRMED'",
						this.event))
			.isEqualTo(2L);
		assertThat(audit().path("ok").asBoolean()).as(audit().toString()).isTrue();
	}

	/**
	 * The connection breaks after the hold reached Redis and before its reply came back.
	 * The client fails the command rather than sending it again (commands are rejected
	 * while disconnected), so the buyer gets 503; the hold Redis took all the same is
	 * released at once instead of keeping its seats for its whole TTL. (That a script run
	 * twice has the effect of once is checked in {@code ScriptReplayTests}.)
	 */
	@Test
	void aHoldWhoseReplyIsLostGets503AndDoesNotKeepItsSeats() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		Session other = new Accounts(this.client).newUser();
		// Once, so the script is known to Redis and the lost command is the script
		// itself.
		this.booking.holdSeats(new Accounts(this.client).newUser().bearer(), this.event, "A-1-9");
		String seatKey = Booking.eventKey(this.event, "seat:A-1-1");
		relay.loseAnswerTo(seatKey.substring(seatKey.indexOf('{')));
		Answer lost = this.booking.hold(buyer.bearer(), this.event, Map.of("seatIds", List.of("A-1-1", "A-1-2")));
		assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
		assertThat(relay.markedRequests()).as("times the hold reached Redis").isEqualTo(1);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> this.booking.hold(other.bearer(), this.event, Map.of("seatIds", List.of("A-1-1", "A-1-2")))
				.status() == 201);
		redis.<Void>redis((commands) -> {
			assertThat(commands.keys(Booking.eventKey(this.event, "hold:*"))).hasSize(2);
			assertThat(commands.exists(Booking.eventKey(this.event, "buyer:" + buyer.userId()))).isZero();
			return null;
		});
		assertThat(Booking.seatStates(this.event, "A-1-1", "A-1-2")).containsValues("AVAILABLE/0", "AVAILABLE/0");
		assertThat(audit().path("ok").asBoolean()).as(audit().toString()).isTrue();
	}

	/**
	 * Redis answers a hold too late: the buyer gets 503, and the hold that Redis took all
	 * the same is released at once rather than keeping the seats for its whole TTL.
	 */
	@Test
	void aHoldThatTimesOutDoesNotKeepItsSeats() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		Session other = new Accounts(this.client).newUser();
		// Once, so the script is known to Redis and the late command is the script
		// itself.
		this.booking.holdSeats(new Accounts(this.client).newUser().bearer(), this.event, "A-1-10");
		String seatKey = Booking.eventKey(this.event, "seat:A-1-6");
		relay.delayRequestsContaining(seatKey.substring(seatKey.indexOf('{')), Duration.ofMillis(1500));
		Answer late = this.booking.hold(buyer.bearer(), this.event, Map.of("seatIds", List.of("A-1-6", "A-1-7")));
		assertThat(late.status()).isEqualTo(503);
		assertThat(late.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:unavailable");
		relay.delayRequestsContaining("", Duration.ZERO);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.booking.hold(other.bearer(), this.event, Map.of("seatIds", List.of("A-1-6", "A-1-7")))
				.status() == 201);
		assertThat(Booking.seatStates(this.event, "A-1-6")).containsValues("AVAILABLE/0");
		assertThat(audit().path("ok").asBoolean()).as(audit().toString()).isTrue();
	}

	/**
	 * Redis goes away while a declined purchase is being undone: the buyer still gets the
	 * outcome at once, the key keeps it, and once Redis is back recovery frees the hold.
	 */
	@Test
	void aPurchaseUndoneWhileRedisIsAwayAnswersAtOnceAndIsSettledWhenRedisReturns() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-8");
		String key = UUID.randomUUID().toString();
		cutRedisOnDecline.set(true);
		Answer declined = this.booking.purchase(buyer.bearer(), hold, "tok_decline", key);
		assertThat(declined.status()).as(declined.toString()).isEqualTo(402);
		UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", this.event);
		assertThat(Booking.scalar("SELECT status FROM idempotency_keys WHERE key = ?", key)).isEqualTo("DONE");
		assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", order)).isEqualTo("FAILED");
		assertThat(Booking.scalar("SELECT redis_pending FROM orders WHERE id = ?", order)).isEqualTo(true);
		relay.start();
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> Boolean.FALSE.equals(Booking.scalar("SELECT redis_pending FROM orders WHERE id = ?", order)));
		Long seatKeys = redis.redis((commands) -> commands.exists(Booking.eventKey(this.event, "seat:A-1-8")));
		assertThat(seatKeys).isZero();
		assertThat(this.booking.purchase(buyer.bearer(), hold, "tok_decline", key).status()).isEqualTo(402);
		assertThat(this.booking.holdSeats(new Accounts(this.client).newUser().bearer(), this.event, "A-1-8"))
			.isNotBlank();
		assertThat(audit().path("ok").asBoolean()).as(audit().toString()).isTrue();
	}

	private CompletableFuture<Answer> buyAsync(Session buyer, String hold) {
		return CompletableFuture
			.supplyAsync(() -> this.booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString()));
	}

	private void expect503(WebTestClient.RequestHeadersSpec<?> request) {
		request.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.exists("Retry-After")
			.expectHeader()
			.contentType("application/problem+json");
	}

	private tools.jackson.databind.JsonNode audit() {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> this.booking.audit(this.organizer.bearer(), this.event), (report) -> report != null);
	}

}
