package dev.boxoffice.booking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Duration;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.Race;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * General admission and price tiers under a race: a pool of 30 places shared by two
 * types, the first 10 places of one at an early-bird price. Each test checks PostgreSQL
 * (places claimed, tickets, order totals) and Redis (held and sold counts) afterwards,
 * and the audit.
 */
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.holds.ttl=6s", "boxoffice.holds.sweep-interval=200ms",
		"boxoffice.booking.max-tickets-per-buyer=8" })
class GeneralAdmissionTests {

	private static final int POOL = 30;

	private static final int EARLY = 10;

	@Autowired
	WebTestClient client;

	final ExecutorService racers = Executors.newCachedThreadPool();

	Booking booking;

	Session organizer;

	UUID event;

	String standing;

	String vip;

	String pool;

	String early;

	@AfterEach
	void stopRacers() {
		this.racers.shutdownNow();
	}

	@BeforeEach
	void gaEventOnSale() {
		this.booking = new Booking(this.client);
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		Catalog catalog = new Catalog(this.client);
		UUID venue = catalog.createVenue(this.organizer,
				Catalog.venue("Lyon", List.of(Catalog.section("A", 5000, 1, 4))));
		Map<String, Object> body = Catalog.event(venue, "Club night " + UUID.randomUUID(), "music", 10);
		body.put("pools", List.of(Map.of("name", "floor", "capacity", POOL)));
		body.put("ticketTypes", List.of(
				Map.of("name", "Standing", "kind", "GENERAL_ADMISSION", "pools", List.of("floor"), "priceCents", 4000,
						"maxPerOrder", 4, "tiers",
						List.of(Map.of("name", "Early bird", "priceCents", 3000, "quantity", EARLY))),
				Map.of("name", "VIP", "kind", "GENERAL_ADMISSION", "pools", List.of("floor"), "priceCents", 9000),
				Map.of("name", "Seats", "kind", "SEATED", "sections", List.of("A"), "priceCents", 6000)));
		this.event = catalog.createEvent(this.organizer, body);
		catalog.publish(this.organizer, this.event);
		JsonNode view = eventView();
		for (JsonNode type : view.path("ticketTypes")) {
			if (type.path("name").asString().equals("Standing")) {
				this.standing = type.path("id").asString();
				this.early = type.path("tiers").get(0).path("id").asString();
			}
			if (type.path("name").asString().equals("VIP")) {
				this.vip = type.path("id").asString();
			}
		}
		this.pool = view.path("pools").get(0).path("id").asString();
	}

	@Test
	void aRushSellsThePoolExactlyAndTheEarlyBirdTierAtItsPriceAndQuantity() throws Exception {
		// 40 buyers for 30 places, 1 to 3 each, of either type: every seventh card is
		// declined, every fifth buyer releases the hold instead of buying.
		List<Session> buyers = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			buyers.add(new Accounts(this.client).newUser());
		}
		List<Answer> holds = Race
			.of(this.racers, 40, (i) -> this.booking.hold(buyers.get(i).bearer(), this.event, Map.of("items",
					List.of(Map.of("ticketTypeId", (i % 4 == 0) ? this.vip : this.standing, "quantity", i % 3 + 1)))));
		long granted = holds.stream().filter((answer) -> answer.status() == 201).count();
		long placesHeld = holds.stream()
			.filter((answer) -> answer.status() == 201)
			.mapToLong((answer) -> quantity(answer.body()))
			.sum();
		assertThat(placesHeld).as("places held at once").isLessThanOrEqualTo(POOL);
		assertThat(holds).allMatch((answer) -> answer.status() == 201
				|| answer.status() == 409 && answer.body().path("type").asString().endsWith(":places-unavailable"));
		assertThat(granted).isGreaterThan(0);
		assertThat(redisCount(this.pool, "held") + redisCount(this.pool, "sold")).isEqualTo(placesHeld);
		Race.of(this.racers, 40, (i) -> {
			Answer hold = holds.get(i);
			if (hold.status() != 201) {
				return 0;
			}
			String holdId = hold.body().path("holdId").asString();
			if (i % 5 == 0) {
				return this.booking.release(buyers.get(i).bearer(), holdId);
			}
			return this.booking
				.purchase(buyers.get(i).bearer(), holdId, (i % 7 == 0) ? "tok_declined" : "tok_ok",
						UUID.randomUUID().toString())
				.status();
		});
		// A second wave takes what the releases and declines gave back, until none is
		// left.
		for (int round = 0; round < 30 && soldInDatabase(this.pool) < POOL; round++) {
			Session buyer = new Accounts(this.client).newUser();
			Answer hold = this.booking.hold(buyer.bearer(), this.event,
					Map.of("items", List.of(Map.of("ticketTypeId", this.standing, "quantity", 1))));
			if (hold.status() == 201) {
				assertThat(this.booking
					.purchase(buyer.bearer(), hold.body().path("holdId").asString(), "tok_ok",
							UUID.randomUUID().toString())
					.status()).isEqualTo(201);
			}
		}
		assertThat(soldInDatabase(this.pool)).isEqualTo(POOL);
		assertThat(((Number) Booking.scalar(
				"SELECT count(*) FROM tickets WHERE event_id = ? AND status = 'VALID' AND seat_id IS NULL", this.event))
			.longValue()).isEqualTo(POOL);
		assertThat(((Number) Booking.scalar("""
				SELECT COALESCE(sum(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id
				WHERE o.status = 'CONFIRMED' AND i.tier_id = CAST(? AS uuid) AND i.price_cents = 3000
				""", this.early)).longValue()).as("early-bird tickets at 30.00").isEqualTo(EARLY);
		assertThat(redisCount(this.pool, "sold")).isEqualTo(POOL);
		assertThat(redisCount(this.pool, "held")).isZero();
		assertThat(redisCount(this.early, "sold")).isEqualTo(EARLY);
		Answer more = this.booking.hold(buyers.get(1).bearer(), this.event,
				Map.of("items", List.of(Map.of("ticketTypeId", this.vip, "quantity", 1))));
		assertThat(more.status()).isEqualTo(409);
		assertThat(this.booking.auditFailures(this.organizer.bearer(), this.event)).isEmpty();
	}

	@Test
	void placesOfAHoldThatRunsOutGoBackOnceAndACancelledOrdersPlacesToo() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		Answer expiring = this.booking.hold(buyer.bearer(), this.event,
				Map.of("items", List.of(Map.of("ticketTypeId", this.standing, "quantity", 3))));
		assertThat(expiring.status()).isEqualTo(201);
		assertThat(expiring.body().path("totalCents").asLong()).isEqualTo(9000);
		assertThat(redisCount(this.pool, "held")).isEqualTo(3);
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(redisCount(this.pool, "held")).isZero());
		assertThat(redisCount(this.early, "held")).isZero();
		assertThat(redisCount(this.standing, "held")).isZero();

		Answer bought = buy(buyer, this.standing, 4);
		assertThat(bought.status()).isEqualTo(201);
		assertThat(bought.body().path("tickets").size()).isEqualTo(4);
		assertThat(bought.body().path("tickets").get(0).has("seatId")).isFalse();
		assertThat(bought.body().path("tickets").get(0).path("ticketTypeId").asString()).isEqualTo(this.standing);
		String order = bought.body().path("orderId").asString();
		assertThat(soldInDatabase(this.pool)).isEqualTo(4);
		assertThat(this.booking.cancel(buyer.bearer(), order)).isEqualTo(200);
		assertThat(this.booking.cancel(buyer.bearer(), order)).isIn(200, 409);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(redisCount(this.pool, "sold")).isZero());
		assertThat(soldInDatabase(this.pool)).isZero();
		assertThat(redisCount(this.early, "sold")).isZero();
		JsonNode view = eventView();
		assertThat(view.path("pools").get(0).path("counts").path("available").asLong()).isEqualTo(POOL);
		assertThat(view.path("ticketTypes").get(0).path("currentTier").path("name").asString()).isEqualTo("Early bird");
		assertThat(this.booking.auditFailures(this.organizer.bearer(), this.event)).isEmpty();
		// The sales analytics count the places sold and refunded, under their type.
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode sales = analytics().path("sales");
			assertThat(sales.path("tickets").asLong()).isEqualTo(4);
			assertThat(sales.path("ticketsRefunded").asLong()).isEqualTo(4);
			assertThat(sales.path("grossCents").asLong()).isEqualTo(4 * 3000);
		});
		assertThat(analytics().path("sections").toString()).contains("Standing");
	}

	@Test
	void aSeatedTypesTierPricesItsFirstSeatsAndAWaitlistIsForSeatsOnly() throws Exception {
		Catalog catalog = new Catalog(this.client);
		UUID venue = catalog.createVenue(this.organizer,
				Catalog.venue("Lyon", List.of(Catalog.section("A", 5000, 1, 6))));
		Map<String, Object> body = Catalog.event(venue, "Recital " + UUID.randomUUID(), "music", 10);
		body.put("ticketTypes", List.of(Map.of("name", "Stalls", "kind", "SEATED", "sections", List.of("A"),
				"priceCents", 7000, "tiers", List.of(Map.of("name", "First two", "priceCents", 2000, "quantity", 2)))));
		UUID recital = catalog.createEvent(this.organizer, body);
		catalog.publish(this.organizer, recital);
		Session buyer = new Accounts(this.client).newUser();
		Answer hold = this.booking.hold(buyer.bearer(), recital, Map.of("seatIds", List.of("A-1-1", "A-1-2", "A-1-3")));
		assertThat(hold.status()).isEqualTo(201);
		assertThat(hold.body().path("totalCents").asLong()).isEqualTo(2000 + 2000 + 7000);
		Answer bought = this.booking.purchase(buyer.bearer(), hold.body().path("holdId").asString(), "tok_ok",
				UUID.randomUUID().toString());
		assertThat(bought.status()).isEqualTo(201);
		assertThat(bought.body().path("totalCents").asLong()).isEqualTo(11000);
		Answer next = this.booking.hold(buyer.bearer(), recital, Map.of("seatIds", List.of("A-1-4")));
		assertThat(next.body().path("totalCents").asLong()).isEqualTo(7000);
		assertThat(this.booking.auditFailures(this.organizer.bearer(), recital)).isEmpty();

		UUID clubEvent = catalog.placesOnSale(this.organizer, 5, 1500);
		JsonNode problem = this.client.post()
			.uri("/api/events/{id}/waitlist", clubEvent)
			.header("Authorization", buyer.bearer())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.bodyValue(Map.of("quantity", 1))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.path("type").asString()).endsWith(":waitlist-seats-only");
	}

	/**
	 * Redis loses the event's counts of places: the next read or hold counts them again
	 * from PostgreSQL, and nothing is oversold.
	 */
	@Test
	void countsRedisLostAreCountedAgainFromPostgres() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		assertThat(buy(buyer, this.standing, 4).status()).isEqualTo(201);
		assertThat(buy(buyer, this.vip, 3).status()).isEqualTo(201);
		TestServices.get()
			.redis((redis) -> redis.del(Booking.eventKey(this.event, "units"),
					Booking.eventKey(this.event, "unitholds"), Booking.eventKey(this.event, "unitsales")));
		Session other = new Accounts(this.client).newUser();
		Answer hold = this.booking.hold(other.bearer(), this.event,
				Map.of("items", List.of(Map.of("ticketTypeId", this.standing, "quantity", 4))));
		assertThat(hold.status()).isEqualTo(201);
		// The early-bird tier had 6 left, counted again: the hold takes four of them.
		assertThat(hold.body().path("totalCents").asLong()).isEqualTo(4 * 3000);
		assertThat(redisCount(this.pool, "sold")).isEqualTo(7);
		assertThat(redisCount(this.pool, "held")).isEqualTo(4);
		assertThat(redisCount(this.early, "sold")).isEqualTo(4);
		assertThat(eventView().path("pools").get(0).path("counts").path("available").asLong()).isEqualTo(POOL - 11);
		assertThat(this.booking.auditFailures(this.organizer.bearer(), this.event)).isEmpty();
	}

	/**
	 * Cancelling the event refunds its orders of places, and gives the places back once.
	 */
	@Test
	void aCancelledEventsOrdersOfPlacesAreRefundedAndTheirPlacesGoBack() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		String order = buy(buyer, this.vip, 3).body().path("orderId").asString();
		assertThat(redisCount(this.pool, "sold")).isEqualTo(3);
		new Catalog(this.client).cancel(this.organizer, this.event);
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(Booking.scalar("SELECT status FROM orders WHERE id = CAST(? AS uuid)", order))
						.isEqualTo("CANCELLED"));
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(redisCount(this.pool, "sold")).isZero());
		assertThat(soldInDatabase(this.pool)).isZero();
		assertThat(Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = CAST(? AS uuid)", order))
			.isIn("VOIDED", "REFUNDED");
		assertThat(this.booking.auditFailures(this.organizer.bearer(), this.event)).isEmpty();
	}

	@Test
	void aHoldOfSeatsAndPlacesIsAllOrNothing() throws Exception {
		Session first = new Accounts(this.client).newUser();
		this.booking.holdSeats(first.bearer(), this.event, "A-1-1");
		Session second = new Accounts(this.client).newUser();
		Answer both = this.booking.hold(second.bearer(), this.event, Map.of("seatIds", List.of("A-1-1", "A-1-2"),
				"items", List.of(Map.of("ticketTypeId", this.standing, "quantity", 2))));
		assertThat(both.status()).as(both.toString()).isEqualTo(409);
		assertThat(redisCount(this.pool, "held")).isZero();
		Answer mixed = this.booking.hold(second.bearer(), this.event, Map.of("seatIds", List.of("A-1-2"), "items",
				List.of(Map.of("ticketTypeId", this.standing, "quantity", 2))));
		assertThat(mixed.status()).isEqualTo(201);
		assertThat(mixed.body().path("totalCents").asLong()).isEqualTo(6000 + 2 * 3000);
		assertThat(redisCount(this.pool, "held")).isEqualTo(2);
		Answer bought = this.booking.purchase(second.bearer(), mixed.body().path("holdId").asString(), "tok_ok",
				UUID.randomUUID().toString());
		assertThat(bought.status()).isEqualTo(201);
		assertThat(bought.body().path("tickets").size()).isEqualTo(3);
		assertThat(bought.body().path("items").size()).isEqualTo(2);
		assertThat(this.booking.auditFailures(this.organizer.bearer(), this.event)).isEmpty();
	}

	@Test
	void badHoldsAndBadTypesAreClearProblemsAndHoldNothing() {
		Session buyer = new Accounts(this.client).newUser();
		assertThat(
				this.booking
					.hold(buyer.bearer(), this.event,
							Map.of("items",
									List.of(Map.of("ticketTypeId", UUID.randomUUID().toString(), "quantity", 1))))
					.status())
			.isEqualTo(400);
		assertThat(this.booking
			.hold(buyer.bearer(), this.event,
					Map.of("items", List.of(Map.of("ticketTypeId", this.standing, "quantity", 5))))
			.body()
			.toString()).contains("at most 4");
		String seated = eventView().path("ticketTypes").get(2).path("id").asString();
		assertThat(this.booking
			.hold(buyer.bearer(), this.event, Map.of("items", List.of(Map.of("ticketTypeId", seated, "quantity", 1))))
			.status()).isEqualTo(400);
		assertThat(redisCount(this.pool, "held")).isZero();
		Catalog catalog = new Catalog(this.client);
		UUID venue = catalog.createVenue(this.organizer,
				Catalog.venue("Lyon", List.of(Catalog.section("A", 5000, 1, 4))));
		Map<String, Object> body = Catalog.event(venue, "Broken", "music", 10);
		body.put("ticketTypes", List.of(Map.of("name", "Floor", "kind", "GENERAL_ADMISSION", "priceCents", 100)));
		JsonNode problem = this.client.post()
			.uri("/api/events")
			.header("Authorization", this.organizer.bearer())
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.toString()).contains("ticketTypes[0].pools");
		body.remove("ticketTypes");
		body.put("pools", List.of(Map.of("name", "floor", "capacity", 10)));
		this.client.post()
			.uri("/api/events")
			.header("Authorization", this.organizer.bearer())
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private Answer buy(Session buyer, String type, int quantity) {
		Answer hold = this.booking.hold(buyer.bearer(), this.event,
				Map.of("items", List.of(Map.of("ticketTypeId", type, "quantity", quantity))));
		assertThat(hold.status()).isEqualTo(201);
		return this.booking.purchase(buyer.bearer(), hold.body().path("holdId").asString(), "tok_ok",
				UUID.randomUUID().toString());
	}

	private static long quantity(JsonNode hold) {
		long places = 0;
		for (JsonNode item : hold.path("items")) {
			places += item.path("quantity").asLong();
		}
		return places;
	}

	private JsonNode analytics() {
		return json("/api/events/" + this.event + "/analytics", this.organizer.bearer());
	}

	private JsonNode eventView() {
		return json("/api/events/" + this.event, this.organizer.bearer());
	}

	private JsonNode json(String path, String bearer) {
		return this.client.get()
			.uri(path)
			.header("Authorization", bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private long redisCount(String allotment, String what) {
		String value = TestServices.get()
			.redis((redis) -> redis.hget(Booking.eventKey(this.event, "units"), allotment + "|" + what));
		return (value != null) ? Long.parseLong(value) : 0;
	}

	private static long soldInDatabase(String allotment) throws Exception {
		return ((Number) Booking.scalar(
				"SELECT count(*) FROM allotment_units WHERE allotment_id = CAST(? AS uuid) AND order_id IS NOT NULL",
				allotment))
			.longValue();
	}

}
