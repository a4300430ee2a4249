package dev.boxoffice.waitlist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.Race;
import dev.boxoffice.support.StandaloneApp;
import dev.boxoffice.support.TestKeys;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.boxoffice.waitlist.WaitlistCalls.notes;
import static dev.boxoffice.waitlist.WaitlistCalls.offerTo;
import static dev.boxoffice.waitlist.WaitlistOfferTests.offerState;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waitlist's invariants under races, each checked afterwards in PostgreSQL and Redis
 * (through the audit, and directly): a freed seat goes to one offer, to the front of the
 * line, never to a public hold first; an offer ends one way only; the ticket limit holds;
 * a line whose Redis state is lost fails closed; an offer made by one instance reaches a
 * buyer streaming from another. Offers last 2 s here, and an offer that ends unbought
 * ends its entry (no requeue), so that every race settles quickly.
 */
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.waitlist.offer-ttl=2s", "boxoffice.waitlist.max-requeues=0",
		"boxoffice.booking.max-tickets-per-buyer=2", "boxoffice.holds.sweep-interval=200ms" })
class WaitlistOfferRaceTests {

	@Autowired
	WebTestClient client;

	/** A thread per request: the common pool may have fewer threads than requests. */
	final ExecutorService racers = Executors.newCachedThreadPool();

	Accounts accounts;

	Booking booking;

	WaitlistCalls waitlist;

	Session organizer;

	Session holder;

	UUID event;

	/** Every seat of the event (one row of {@code seats} in section A), held alone. */
	Map<String, String> holds;

	/** The bearer of each seat's holder (a buyer may hold ten seats at once). */
	Map<String, String> holders;

	@AfterEach
	void stopRacers() {
		this.racers.shutdownNow();
	}

	@BeforeEach
	void clients() {
		this.accounts = new Accounts(this.client);
		this.booking = new Booking(this.client);
		this.waitlist = new WaitlistCalls(this.client);
		this.organizer = this.accounts.newUserWithRoles("ORGANIZER");
		this.holder = this.accounts.newUser();
	}

	/** An event of {@code seats} seats, each held by the holder in a hold of its own. */
	private void soldOut(int seats) {
		this.event = new Catalog(this.client).eventOnSale(this.organizer, "Lyon", 1, seats);
		this.holds = new LinkedHashMap<>();
		this.holders = new LinkedHashMap<>();
		Session owner = this.holder;
		for (int i = 1; i <= seats; i++) {
			if (i % 10 == 1 && i > 1) {
				owner = this.accounts.newUser();
			}
			String seat = "A-1-" + i;
			this.holds.put(seat, this.booking.holdSeats(owner.bearer(), this.event, seat));
			this.holders.put(seat, owner.bearer());
		}
	}

	@Test
	void acceptRacingDeclineEndsEachOfferOneWayAndADeclinedOfferChargesNothing() throws Exception {
		int buyers = 16;
		soldOut(buyers);
		List<Session> sessions = joinInOrder(buyers);
		releaseAll();
		List<Map<String, String>> offers = sessions.stream().map((s) -> offerTo(s, Duration.ofSeconds(10))).toList();

		List<Answer> answers = race(2 * buyers, (i) -> {
			Session buyer = sessions.get(i / 2);
			Map<String, String> offer = offers.get(i / 2);
			return (i % 2 == 0)
					? this.booking.purchase(buyer.bearer(), offer.get("holdId"), "tok_ok", UUID.randomUUID().toString())
					: this.waitlist.decline(buyer, offer.get("offerId"));
		});
		int bought = 0;
		for (int b = 0; b < buyers; b++) {
			Answer purchase = answers.get(2 * b);
			Answer decline = answers.get(2 * b + 1);
			String holdId = offers.get(b).get("holdId");
			String state = offerState(offers.get(b).get("offerId"));
			if (purchase.status() == 201) {
				bought++;
				assertThat(decline.status()).as("decline after the purchase took the hold").isEqualTo(409);
				assertThat(state).isEqualTo("PURCHASED");
				assertThat(validTickets(sessions.get(b))).isEqualTo(1);
			}
			else {
				assertThat(purchase.status()).as(purchase.toString()).isEqualTo(409);
				assertThat(decline.status()).as(decline.toString()).isEqualTo(204);
				assertThat(state).isEqualTo("DECLINED");
				assertThat(Booking.scalar("SELECT count(*) FROM orders WHERE hold_id = ?", holdId))
					.as("no order, so nothing authorized or charged")
					.isEqualTo(0L);
				assertThat(validTickets(sessions.get(b))).isZero();
			}
		}
		assertThat(bought).as("both outcomes occur in " + buyers + " races").isBetween(0, buyers);
		settledAndAudited();
	}

	@Test
	void acceptRacingExpiryEndsEachOfferOneWayAndALateAcceptIs409WithNothingCharged() throws Exception {
		int buyers = 12;
		soldOut(buyers);
		List<Session> sessions = joinInOrder(buyers);
		releaseAll();
		List<Map<String, String>> offers = sessions.stream().map((s) -> offerTo(s, Duration.ofSeconds(10))).toList();

		// Each buyer accepts within 150 ms either side of the offer's expiry.
		List<Answer> answers = race(buyers, (i) -> {
			Instant expires = Instant.parse(offers.get(i).get("expiresAt"));
			long wait = Duration.between(Instant.now(), expires).toMillis()
					+ ThreadLocalRandom.current().nextLong(-150, 151);
			sleep(Math.max(0, wait));
			return this.booking.purchase(sessions.get(i).bearer(), offers.get(i).get("holdId"), "tok_ok",
					UUID.randomUUID().toString());
		});
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.until(() -> Booking.scalar("SELECT count(*) FROM waitlist_offers WHERE event_id = ? AND state = 'LIVE'",
					this.event), (live) -> (Long) live == 0L);
		for (int i = 0; i < buyers; i++) {
			String state = offerState(offers.get(i).get("offerId"));
			if (answers.get(i).status() == 201) {
				assertThat(state).isEqualTo("PURCHASED");
				assertThat(validTickets(sessions.get(i))).isEqualTo(1);
			}
			else {
				assertThat(answers.get(i).status()).as(answers.get(i).toString()).isEqualTo(409);
				assertThat(state).isEqualTo("EXPIRED");
				assertThat(Booking.scalar("SELECT count(*) FROM orders WHERE hold_id = ?", offers.get(i).get("holdId")))
					.isEqualTo(0L);
				assertThat(validTickets(sessions.get(i))).isZero();
			}
		}
		settledAndAudited();
	}

	@Test
	void whileEntriesWaitPublicHoldsRacingACancellationNeverGetTheFreedSeats() throws Exception {
		int seats = 10;
		this.event = new Catalog(this.client).eventOnSale(this.organizer, "Lyon", 1, seats);
		List<Session> owners = new ArrayList<>();
		List<String> orders = new ArrayList<>();
		for (int i = 1; i <= seats; i++) {
			Session owner = this.accounts.newUser();
			String hold = this.booking.holdSeats(owner.bearer(), this.event, "A-1-" + i);
			orders.add(this.booking.purchase(owner.bearer(), hold, "tok_ok", UUID.randomUUID().toString())
				.body()
				.path("orderId")
				.asString());
			owners.add(owner);
		}
		List<Session> line = joinInOrder(seats);
		List<Session> grabbers = List.of(this.accounts.newUser(), this.accounts.newUser(), this.accounts.newUser(),
				this.accounts.newUser());
		AtomicBoolean racing = new AtomicBoolean(true);
		AtomicInteger attempts = new AtomicInteger();
		List<Integer> grabbed = java.util.Collections.synchronizedList(new ArrayList<>());
		List<CompletableFuture<Void>> grabbing = new ArrayList<>();
		for (Session grabber : grabbers) {
			grabbing.add(CompletableFuture.runAsync(() -> {
				while (racing.get()) {
					String seat = "A-1-" + (1 + ThreadLocalRandom.current().nextInt(seats));
					int status = this.booking.hold(grabber.bearer(), this.event, Map.of("seatIds", List.of(seat)))
						.status();
					attempts.incrementAndGet();
					if (status != 409) {
						grabbed.add(status);
					}
				}
			}, this.racers));
		}
		List<Answer> cancels = race(seats,
				(i) -> new Answer(this.booking.cancel(owners.get(i).bearer(), orders.get(i)), null));
		for (Session buyer : line) {
			offerTo(buyer, Duration.ofSeconds(10));
		}
		racing.set(false);
		CompletableFuture.allOf(grabbing.toArray(CompletableFuture[]::new)).get();
		assertThat(cancels).allSatisfy((cancel) -> assertThat(cancel.status()).isEqualTo(200));
		assertThat(attempts.get()).as("public holds were tried throughout").isGreaterThan(seats);
		assertThat(grabbed).as("no public hold got a freed seat").isEmpty();
		assertThat(Booking.scalar("SELECT count(DISTINCT seat) FROM waitlist_offers, unnest(seat_ids) AS seat "
				+ "WHERE event_id = ? AND state = 'LIVE'", this.event))
			.isEqualTo((long) seats);
		for (int i = 1; i <= seats; i++) {
			List<String> feed = Booking.feedOf(this.event, "A-1-" + i);
			assertThat(feed.subList(feed.lastIndexOf("SOLD"), feed.size())).as("A-1-" + i)
				.containsExactly("SOLD", "HELD");
		}
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void seatsFreedAtOnceGoToTheFrontOfTheLineInOrderOnePerEntry() throws Exception {
		int seats = 20;
		soldOut(seats);
		List<Session> sessions = joinInOrder(seats);
		List<UUID> entries = new ArrayList<>();
		for (Session session : sessions) {
			entries.add(UUID.fromString(this.waitlist.mine(session, this.event).body().path("entryId").asString()));
		}
		// Five late joiners move to the front.
		List<UUID> order = new ArrayList<>();
		for (int i = 15; i < 20; i++) {
			this.waitlist.changeTier(this.organizer, this.event, entries.get(i),
					Map.of("tier", "PRIORITY", "reason", "member"));
			order.add(entries.get(i));
		}
		order.addAll(entries.subList(0, 15));
		List<String> freed = new ArrayList<>(this.holds.keySet()).subList(0, 12);
		race(freed.size(),
				(i) -> new Answer(this.booking.release(holder(freed.get(i)), this.holds.get(freed.get(i))), null));
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> Booking.scalar("SELECT count(*) FROM waitlist_offers WHERE event_id = ?", this.event),
					(made) -> (Long) made == 12L);
		List<String> offered = new ArrayList<>();
		for (UUID entry : entries) {
			if (WaitlistTests.row(entry).startsWith("OFFERED|")) {
				offered.add(entry.toString());
			}
		}
		assertThat(offered).as("exactly the first twelve in line order")
			.containsExactlyInAnyOrderElementsOf(order.subList(0, 12).stream().map(UUID::toString).toList());
		assertThat(Booking.scalar(
				"SELECT count(DISTINCT seat) FROM waitlist_offers, unnest(seat_ids) AS seat " + "WHERE event_id = ?",
				this.event))
			.isEqualTo(12L);
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void theTicketLimitHoldsWhenAnOfferIsBought() throws Exception {
		soldOut(4);
		Session buyer = this.accounts.newUser();
		// The buyer owns two tickets (the limit here), bought before the event sold out.
		this.booking.release(holder("A-1-1"), this.holds.get("A-1-1"));
		this.booking.release(holder("A-1-2"), this.holds.get("A-1-2"));
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-1", "A-1-2");
		assertThat(this.booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString()).status())
			.isEqualTo(201);
		Session next = this.accounts.newUser();
		this.waitlist.joined(buyer, this.event, 1);
		this.waitlist.joined(next, this.event, 1);
		this.booking.release(holder("A-1-3"), this.holds.get("A-1-3"));
		Map<String, String> offer = offerTo(buyer, Duration.ofSeconds(10));

		Answer refused = this.booking.purchase(buyer.bearer(), offer.get("holdId"), "tok_ok",
				UUID.randomUUID().toString());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body().path("type").asString()).endsWith("ticket-limit");
		assertThat(validTickets(buyer)).isEqualTo(2);
		// The seat goes on to the next in line.
		assertThat(offerTo(next, Duration.ofSeconds(10)).get("seatIds")).isEqualTo("A-1-3");
		assertThat(offerState(offer.get("offerId"))).isEqualTo("EXPIRED");
		settledAndAudited();
	}

	/**
	 * Redis loses the event's state mid-line (as after a restart with no persistence):
	 * the offers whose holds are gone end, their entries are told, nothing is offered
	 * twice, and seats freed afterwards are offered to the entries still waiting.
	 */
	@Test
	void aLineWhoseRedisStateIsLostFailsClosedAndServesTheRestAfterwards() throws Exception {
		soldOut(6);
		List<Session> sessions = joinInOrder(5);
		for (String seat : List.of("A-1-1", "A-1-2", "A-1-3")) {
			this.booking.release(holder(seat), this.holds.get(seat));
		}
		List<Map<String, String>> lost = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			lost.add(offerTo(sessions.get(i), Duration.ofSeconds(10)));
		}
		TestServices.get().redis((redis) -> {
			List<String> keys = redis.keys(Booking.eventKey(this.event, "*"));
			return keys.isEmpty() ? 0L : redis.del(keys.toArray(String[]::new));
		});
		for (int i = 0; i < 3; i++) {
			String offerId = lost.get(i).get("offerId");
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> offerState(offerId), "EXPIRED"::equals);
			assertThat(notes(sessions.get(i), "waitlist-offer-expired")).hasSize(1);
		}
		// A seat freed now (a new hold of a seat Redis no longer knows held, released)
		// goes to the fourth in line.
		Session walkIn = this.accounts.newUser();
		String hold = this.booking.holdSeats(walkIn.bearer(), this.event, "A-1-5");
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> TestServices.get().redis((redis) -> redis.exists(Booking.eventKey(this.event, "line"))),
					(exists) -> exists == 1L);
		this.booking.release(walkIn.bearer(), hold);
		assertThat(offerTo(sessions.get(3), Duration.ofSeconds(10)).get("seatIds")).isEqualTo("A-1-5");
		assertThat(notes(sessions.get(4), "waitlist-offer")).isEmpty();
		assertThat(
				Booking.scalar(
						"SELECT count(*) FROM (SELECT seat FROM waitlist_offers, unnest(seat_ids) AS seat "
								+ "WHERE event_id = ? AND state = 'LIVE' GROUP BY seat HAVING count(*) > 1) twice",
						this.event))
			.isEqualTo(0L);
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void anOfferMadeThroughOneInstanceReachesABuyerStreamingFromAnother() throws Exception {
		soldOut(2);
		Session buyer = this.accounts.newUser();
		this.waitlist.joined(buyer, this.event, 1);
		// The same signing key: a token from one instance is good on the other.
		try (ConfigurableApplicationContext other = StandaloneApp
			.start(Map.of("boxoffice.jwt.private-key", TestKeys.privatePem(TestKeys.SIGNING)))) {
			WebTestClient otherClient = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + other.getEnvironment().getProperty("local.server.port"))
				.responseTimeout(Duration.ofSeconds(20))
				.build();
			Flux<ServerSentEvent<String>> stream = otherClient.get()
				.uri("/api/me/events/stream")
				.header("Authorization", buyer.bearer())
				.accept(MediaType.TEXT_EVENT_STREAM)
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
				})
				.getResponseBody()
				.filter((event) -> "waitlist-offer".equals(event.event()));
			long[] freedAt = new long[1];
			StepVerifier.create(stream).then(() -> {
				freedAt[0] = System.nanoTime();
				this.booking.release(holder("A-1-2"), this.holds.get("A-1-2"));
			}).assertNext((offer) -> {
				assertThat(offer.data()).contains("\"seatIds\":\"A-1-2\"");
				assertThat((System.nanoTime() - freedAt[0]) / 1_000_000).isLessThan(2000);
			}).thenCancel().verify(Duration.ofSeconds(20));
		}
	}

	/** Waits for every offer to end and the audit to pass. */
	private void settledAndAudited() throws Exception {
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.until(() -> Booking.scalar("SELECT count(*) FROM waitlist_offers WHERE event_id = ? AND state = 'LIVE'",
					this.event), (live) -> (Long) live == 0L);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(auditFailures()).isEmpty());
	}

	private List<Session> joinInOrder(int count) {
		List<Session> sessions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Session buyer = this.accounts.newUser();
			this.waitlist.joined(buyer, this.event, 1);
			sessions.add(buyer);
		}
		return sessions;
	}

	/** Releases every seat's hold at once. */
	private void releaseAll() throws Exception {
		List<String> seats = new ArrayList<>(this.holds.keySet());
		List<Answer> released = race(seats.size(),
				(i) -> new Answer(this.booking.release(holder(seats.get(i)), this.holds.get(seats.get(i))), null));
		assertThat(released).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(204));
	}

	/** The bearer of whoever holds the seat's hold (the holder of its ten). */
	private String holder(String seat) {
		return this.holders.get(seat);
	}

	private long validTickets(Session buyer) throws Exception {
		return (Long) Booking.scalar("SELECT count(*) FROM tickets t JOIN orders o ON o.id = t.order_id "
				+ "WHERE o.buyer_id = ? AND o.event_id = ? AND t.status = 'VALID'", buyer.userId(), this.event);
	}

	private List<String> auditFailures() {
		return this.booking.auditFailures(this.organizer.bearer(), this.event);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Runs {@code count} calls at once, released together; their answers in order. */
	private List<Answer> race(int count, IntFunction<Answer> call) throws Exception {
		return Race.of(this.racers, count, call);
	}

}
