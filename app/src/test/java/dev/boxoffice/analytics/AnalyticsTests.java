package dev.boxoffice.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.Race;
import dev.boxoffice.support.TestServices;
import io.lettuce.core.ZAddArgs;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's analytics after a racing sale with purchases, declined cards, releases,
 * expiries and cancellations: every figure equals a recount from the orders, seats and
 * holds, also when the projection runs several times at once; who may read them; the live
 * stream.
 */
@IntegrationTest
class AnalyticsTests {

	@Autowired
	WebTestClient client;

	@Autowired
	AnalyticsProjection projection;

	final ExecutorService racers = Executors.newCachedThreadPool();

	Accounts accounts;

	Booking booking;

	Session organizer;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		this.accounts = new Accounts(this.client);
		this.booking = new Booking(this.client);
		this.organizer = this.accounts.newUserWithRoles("ORGANIZER");
		Catalog catalog = new Catalog(this.client);
		UUID venue = catalog.createVenue(this.organizer,
				Catalog.venue("Lyon", List.of(Catalog.section("A", 5000, 2, 5), Catalog.section("B", 2000, 1, 5))));
		this.event = catalog.createEvent(this.organizer, Catalog.event(venue, "Counted", "music", 10));
		catalog.publish(this.organizer, this.event);
	}

	@AfterEach
	void stopRacers() {
		this.racers.shutdownNow();
	}

	@Test
	void everyFigureOfARacingSaleEqualsARecountFromTheRecords() throws Exception {
		// Twelve buyers at once, one seat each: six buy, two are declined, two release
		// their
		// hold, two let it expire.
		List<String> seats = List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5", "A-2-1", "B-1-1", "B-1-2", "B-1-3",
				"B-1-4", "B-1-5", "A-2-2");
		List<Session> buyers = new ArrayList<>();
		for (int i = 0; i < seats.size(); i++) {
			buyers.add(this.accounts.newUser());
		}
		AtomicInteger held = new AtomicInteger();
		List<String> holds = new ArrayList<>(java.util.Collections.nCopies(seats.size(), ""));
		List<Answer> purchases = race(seats.size(), (i) -> {
			Answer hold = this.booking.hold(buyers.get(i).bearer(), this.event,
					Map.of("seatIds", List.of(seats.get(i))));
			assertThat(hold.status()).isEqualTo(201);
			held.incrementAndGet();
			String holdId = hold.body().path("holdId").asString();
			holds.set(i, holdId);
			if (i < 6) {
				return this.booking.purchase(buyers.get(i).bearer(), holdId, "tok_ok", UUID.randomUUID().toString());
			}
			if (i < 8) {
				return this.booking.purchase(buyers.get(i).bearer(), holdId, "tok_decline",
						UUID.randomUUID().toString());
			}
			if (i < 10) {
				return new Answer(this.booking.release(buyers.get(i).bearer(), holdId), null);
			}
			return new Answer(0, null);
		});
		assertThat(purchases.subList(0, 6)).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(201));
		assertThat(purchases.subList(6, 8)).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(402));
		// The last two holds run out now; the expiry sweep frees their seats.
		for (int i = 10; i < 12; i++) {
			expireNow(seats.get(i), holds.get(i));
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> TestServices.get().redis((redis) -> redis.zcard(Booking.eventKey(this.event, "held"))),
					(left) -> left == 0L);
		// Two of the six orders are cancelled and refunded.
		for (int i = 0; i < 2; i++) {
			String order = purchases.get(i).body().path("orderId").asString();
			assertThat(this.booking.cancel(buyers.get(i).bearer(), order)).isEqualTo(200);
		}

		// The projection run by several passes at once, and again: each fact once.
		Race.of(this.racers, 3, (i) -> this.projection.project().block(Duration.ofSeconds(20)));
		this.projection.project().block(Duration.ofSeconds(20));

		JsonNode report = analytics(this.organizer, "?granularity=minute").body();
		JsonNode sales = report.path("sales");
		assertThat(sales.path("tickets").asLong())
			.isEqualTo(recount(
					"SELECT count(*) FROM order_seats os JOIN orders o ON o.id = os.order_id WHERE o.event_id = ? "
							+ "AND o.status IN ('CONFIRMED', 'CANCELLED')"))
			.isEqualTo(6);
		assertThat(sales.path("grossCents").asLong())
			.isEqualTo(recount("SELECT sum(os.price_cents) FROM order_seats os JOIN orders o ON o.id = os.order_id "
					+ "WHERE o.event_id = ? AND o.status IN ('CONFIRMED', 'CANCELLED')"));
		assertThat(sales.path("refundedCents").asLong())
			.isEqualTo(recount("SELECT sum(os.price_cents) FROM order_seats os JOIN orders o ON o.id = os.order_id "
					+ "WHERE o.event_id = ? AND o.status = 'CANCELLED'"));
		assertThat(sales.path("netCents").asLong())
			.isEqualTo(sales.path("grossCents").asLong() - sales.path("refundedCents").asLong());
		assertThat(sales.path("orders").asLong()).isEqualTo(6);
		assertThat(sales.path("ordersCancelled").asLong())
			.isEqualTo(recount("SELECT count(*) FROM orders WHERE event_id = ? AND status = 'CANCELLED'"))
			.isEqualTo(2);
		assertThat(sales.path("ticketsRefunded").asLong()).isEqualTo(2);
		assertThat(sales.path("ordersFailed").asLong())
			.isEqualTo(recount("SELECT count(*) FROM orders WHERE event_id = ? AND status = 'FAILED'"))
			.isEqualTo(2);
		assertThat(report.path("failures").path("payment-declined").asLong()).isEqualTo(2);

		JsonNode holdFigures = report.path("holds");
		assertThat(holdFigures.path("taken").asLong()).isEqualTo(held.get()).isEqualTo(12);
		assertThat(holdFigures.path("seats").asLong()).isEqualTo(12);
		assertThat(holdFigures.path("bought").asLong()).isEqualTo(6);
		assertThat(holdFigures.path("released").asLong()).isEqualTo(2);
		assertThat(holdFigures.path("expiredSeats").asLong()).isEqualTo(2);
		assertThat(holdFigures.path("conversion").asDouble()).isEqualTo(0.5);

		for (JsonNode section : report.path("sections")) {
			String code = section.path("section").asString();
			assertThat(section.path("capacity").asLong()).as(code)
				.isEqualTo(recount("SELECT count(*) FROM seats WHERE event_id = ? AND section_code = '" + code + "'"));
			assertThat(section.path("sold").asLong()).as(code)
				.isEqualTo(recount("SELECT count(*) FROM seats WHERE event_id = ? AND section_code = '" + code
						+ "' AND status = 'SOLD'"));
			assertThat(section.path("tickets").asLong()).as(code)
				.isEqualTo(recount("SELECT count(*) FROM order_seats os JOIN orders o ON o.id = os.order_id "
						+ "JOIN seats s ON s.event_id = o.event_id AND s.seat_id = os.seat_id WHERE o.event_id = ? "
						+ "AND o.status IN ('CONFIRMED', 'CANCELLED') AND s.section_code = '" + code + "'"));
			assertThat(section.path("fill").asDouble()).as(code)
				.isEqualTo((double) section.path("sold").asLong() / section.path("capacity").asLong());
		}
		assertThat(report.path("capacity").asLong()).isEqualTo(15);
		long seriesTickets = 0;
		long seriesHolds = 0;
		for (JsonNode bucket : report.path("series")) {
			seriesTickets += bucket.path("tickets").asLong();
			seriesHolds += bucket.path("holds").asLong();
		}
		assertThat(seriesTickets).isEqualTo(sales.path("tickets").asLong());
		assertThat(seriesHolds).isEqualTo(12);
		assertThat(report.path("soldOutAt").isMissingNode()).as("not sold out").isTrue();
		assertThat(report.path("onSaleAt").asString()).isNotBlank();
		assertThat(recount("SELECT count(*) FROM sale_facts WHERE event_id = ?"))
			.as("each fact once: 6 sold (one section each), 2 refunds, 2 failures")
			.isEqualTo(10);
	}

	@Test
	void anEventSoldOutSaysWhenAndHowLongAfterGoingOnSale() throws Exception {
		Session buyer = this.accounts.newUser();
		Session other = this.accounts.newUser();
		String first = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5",
				"A-2-1", "A-2-2", "A-2-3", "A-2-4", "A-2-5");
		assertThat(this.booking.purchase(buyer.bearer(), first, "tok_ok", UUID.randomUUID().toString()).status())
			.isEqualTo(201);
		String rest = this.booking.holdSeats(other.bearer(), this.event, "B-1-1", "B-1-2", "B-1-3", "B-1-4", "B-1-5");
		assertThat(this.booking.purchase(other.bearer(), rest, "tok_ok", UUID.randomUUID().toString()).status())
			.isEqualTo(201);
		this.projection.project().block(Duration.ofSeconds(20));
		JsonNode report = analytics(this.organizer, "").body();
		assertThat(report.path("soldOutAt").asString()).isNotBlank();
		assertThat(report.path("secondsToSellOut").asLong()).isBetween(0L, 120L);
		assertThat(report.path("sections").get(0).path("fill").asDouble()).isEqualTo(1.0);
	}

	@Test
	void onlyTheOrganizerOfTheEventAndAdminsReadItsAnalytics() {
		assertThat(analytics(this.organizer, "").status()).isEqualTo(200);
		assertThat(analytics(this.accounts.admin(), "").status()).isEqualTo(200);
		assertThat(analytics(this.accounts.newUser(), "").status()).isEqualTo(403);
		Answer stranger = analytics(this.accounts.newUserWithRoles("ORGANIZER"), "");
		assertThat(stranger.status()).isEqualTo(404);
		assertThat(stranger.body().path("type").asString()).endsWith("event-not-found");
		assertThat(analytics(this.organizer, "?granularity=week").status()).isEqualTo(400);
		assertThat(analytics(this.organizer, "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z").status())
			.isEqualTo(400);
		assertThat(analytics(this.organizer, "?from=yesterday").status()).isEqualTo(400);
		assertThat(analytics(this.organizer, "?from=2000-01-01T00:00:00Z&granularity=minute").status())
			.as("more than 10,000 buckets")
			.isEqualTo(400);
		this.client.get()
			.uri("/api/events/{id}/analytics/stream", this.event)
			.header("Authorization", this.accounts.newUserWithRoles("ORGANIZER").bearer())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void theLiveStreamSendsTheFiguresEverySecondAndASaleShowsInThem() {
		Session buyer = this.accounts.newUser();
		Flux<ServerSentEvent<String>> stream = this.client.get()
			.uri("/api/events/{id}/analytics/stream", this.event)
			.header("Authorization", this.organizer.bearer())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.filter((event) -> "analytics".equals(event.event()));
		StepVerifier.create(stream.map((event) -> JsonMapper.shared().readTree(event.data()))).assertNext((first) -> {
			assertThat(first.path("capacity").asLong()).isEqualTo(15);
			assertThat(first.path("remaining").asLong()).isEqualTo(15);
			assertThat(first.path("ticketsSold").asLong()).isZero();
		}).then(() -> {
			String hold = this.booking.holdSeats(buyer.bearer(), this.event, "B-1-1", "B-1-2");
			this.booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString());
		}).thenConsumeWhile((figures) -> figures.path("ticketsSold").asLong() < 2).assertNext((sold) -> {
			assertThat(sold.path("ticketsSold").asLong()).isEqualTo(2);
			assertThat(sold.path("grossCents").asLong()).isEqualTo(4000);
			assertThat(sold.path("remaining").asLong()).isEqualTo(13);
			assertThat(sold.path("holdsBought").asLong()).isEqualTo(1);
		}).expectNextCount(2).thenCancel().verify(Duration.ofSeconds(20));
	}

	private Answer analytics(Session caller, String query) {
		EntityExchangeResult<JsonNode> result = this.client.get()
			.uri("/api/events/" + this.event + "/analytics" + query)
			.header("Authorization", caller.bearer())
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult();
		return new Answer(result.getStatus().value(), result.getResponseBody());
	}

	/** A count or sum from PostgreSQL for this event (0 for none). */
	private long recount(String sql) throws Exception {
		Object value = Booking.scalar(sql, this.event);
		return (value != null) ? ((Number) value).longValue() : 0L;
	}

	/** Makes the hold run out now: its seat key and record expire, its time passes. */
	private void expireNow(String seat, String holdId) {
		TestServices.get().redis((redis) -> {
			redis.pexpire(Booking.eventKey(this.event, "seat:" + seat), 1);
			redis.pexpire(Booking.eventKey(this.event, "hold:" + holdId), 1);
			return redis.zadd(Booking.eventKey(this.event, "held"), ZAddArgs.Builder.xx(),
					(double) System.currentTimeMillis(), seat);
		});
	}

	/** Runs {@code count} calls at once, released together; their answers in order. */
	private List<Answer> race(int count, IntFunction<Answer> call) throws Exception {
		return Race.of(this.racers, count, call);
	}

}
