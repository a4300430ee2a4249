package dev.boxoffice.waitlist;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import io.lettuce.core.ZAddArgs;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.boxoffice.waitlist.WaitlistCalls.notes;
import static dev.boxoffice.waitlist.WaitlistCalls.offerTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freed seats become offers to the front of the line: from a released hold, a cancelled
 * order, a failed purchase; bought, declined, passed on; checked in the answers, in
 * PostgreSQL, in Redis and on the seat feed.
 */
@IntegrationTest
class WaitlistOfferTests {

	@Autowired
	WebTestClient client;

	@Autowired
	CancelledEventWaitlists cancelled;

	Accounts accounts;

	Catalog catalog;

	Booking booking;

	WaitlistCalls waitlist;

	Session organizer;

	Session holder;

	UUID event;

	/**
	 * Seats A-1-1..A-1-4 and B-1-1..B-1-2, each held by the holder in a hold of its own.
	 */
	Map<String, String> holds;

	@BeforeEach
	void soldOutEvent() {
		this.accounts = new Accounts(this.client);
		this.catalog = new Catalog(this.client);
		this.booking = new Booking(this.client);
		this.waitlist = new WaitlistCalls(this.client);
		this.organizer = this.accounts.newUserWithRoles("ORGANIZER");
		this.holder = this.accounts.newUser();
		UUID venue = this.catalog.createVenue(this.organizer,
				Catalog.venue("Lyon", List.of(Catalog.section("A", 5000, 1, 4), Catalog.section("B", 2000, 1, 2))));
		this.event = this.catalog.createEvent(this.organizer, Catalog.event(venue, "Full House", "music", 10));
		this.catalog.publish(this.organizer, this.event);
		this.holds = new LinkedHashMap<>();
		for (String seat : List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4", "B-1-1", "B-1-2")) {
			this.holds.put(seat, this.booking.holdSeats(this.holder.bearer(), this.event, seat));
		}
	}

	@Test
	void releasedSeatsGoToTheFrontOfTheLineWithinTwoSecondsAndAreNeverShownAvailable() throws Exception {
		Session first = this.accounts.newUser();
		Session second = this.accounts.newUser();
		UUID firstEntry = this.waitlist.joined(first, this.event, 2);
		UUID secondEntry = this.waitlist.joined(second, this.event, 1);

		long freed = System.nanoTime();
		release("A-1-2", "A-1-3", "A-1-4");
		Map<String, String> offer = offerTo(first, Duration.ofSeconds(2));
		long tookMillis = (System.nanoTime() - freed) / 1_000_000;
		assertThat(tookMillis).isLessThan(2000);
		assertThat(offer.get("seatIds")).isEqualTo("A-1-2,A-1-3");
		assertThat(offer.get("totalCents")).isEqualTo("10000");
		assertThat(offer.get("currency")).isEqualTo("EUR");
		assertThat(offer.get("entryId")).isEqualTo(firstEntry.toString());
		assertThat(offerTo(second, Duration.ofSeconds(2)).get("seatIds")).isEqualTo("A-1-4");

		// Never AVAILABLE on the public feed: HELD by the holder, then kept, then
		// offered.
		for (String seat : List.of("A-1-2", "A-1-3", "A-1-4")) {
			assertThat(Booking.feedOf(this.event, seat)).as(seat).containsExactly("HELD");
		}
		assertThat(seatStatus("A-1-3")).isEqualTo("HELD");
		Answer mine = this.waitlist.mine(first, this.event);
		assertThat(mine.body().path("state").asString()).isEqualTo("OFFERED");
		assertThat(mine.body().has("position")).isFalse();
		assertThat(mine.body().path("offer").path("offerId").asString()).isEqualTo(offer.get("offerId"));
		assertThat(mine.body().path("offer").path("holdId").asString()).isEqualTo(offer.get("holdId"));
		assertThat(mine.body().path("offer").path("seatIds").toString()).isEqualTo("[\"A-1-2\",\"A-1-3\"]");
		assertThat(mine.body().path("offer").path("expiresAt").asString()).isEqualTo(offer.get("expiresAt"));

		// Accepting is buying the offer's hold.
		Answer bought = this.booking.purchase(first.bearer(), offer.get("holdId"), "tok_ok",
				UUID.randomUUID().toString());
		assertThat(bought.status()).isEqualTo(201);
		assertThat(WaitlistTests.row(firstEntry)).startsWith("PURCHASED|");
		assertThat(offerState(offer.get("offerId"))).isEqualTo("PURCHASED");
		assertThat(Booking.seatStates(this.event, "A-1-2", "A-1-3").values()).allMatch((s) -> s.startsWith("SOLD"));
		assertThat(offeredSeats()).as("the second entry's seat only").isEqualTo(1);
		assertThat(this.waitlist.mine(first, this.event).status()).isEqualTo(404);

		// Declining passes the seat on; with no one left waiting, back to sale.
		String secondOffer = notes(second, "waitlist-offer").get(0).get("offerId");
		assertThat(this.waitlist.decline(second, secondOffer).status()).isEqualTo(204);
		assertThat(this.waitlist.decline(second, secondOffer).status()).as("again: done already").isEqualTo(204);
		assertThat(WaitlistTests.row(secondEntry)).startsWith("DECLINED|");
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(Booking.feedOf(this.event, "A-1-4")).containsExactly("HELD", "AVAILABLE"));
		assertThat(seatStatus("A-1-4")).isEqualTo("AVAILABLE");
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void priorityEntriesAreServedFirstThenByTimeOfJoining() throws Exception {
		Session early = this.accounts.newUser();
		Session late = this.accounts.newUser();
		Session vip = this.accounts.newUser();
		UUID earlyEntry = this.waitlist.joined(early, this.event, 1);
		this.waitlist.joined(late, this.event, 1);
		UUID vipEntry = this.waitlist.joined(vip, this.event, 1);
		this.waitlist.changeTier(this.organizer, this.event, vipEntry, Map.of("tier", "PRIORITY", "reason", "press"));

		release("B-1-1");
		assertThat(offerTo(vip, Duration.ofSeconds(5)).get("seatIds")).isEqualTo("B-1-1");
		release("B-1-2");
		assertThat(offerTo(early, Duration.ofSeconds(5)).get("seatIds")).isEqualTo("B-1-2");
		assertThat(notes(late, "waitlist-offer")).isEmpty();
		assertThat(WaitlistTests.row(earlyEntry)).startsWith("OFFERED|");
		// The one still waiting was told it moved to the front.
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(notes(late, "waitlist-position")).last()
				.satisfies((note) -> assertThat(note.get("position")).isEqualTo("1")));
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void seatsOfASectionNoOneWaitsForGoBackToSaleAtOnce() throws Exception {
		Session wantsB = this.accounts.newUser();
		this.waitlist.join(wantsB, this.event, Map.of("quantity", 1, "section", "B"), UUID.randomUUID().toString());
		release("A-1-1");
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(Booking.feedOf(this.event, "A-1-1")).containsExactly("HELD", "AVAILABLE"));
		assertThat(notes(wantsB, "waitlist-offer")).isEmpty();
		release("B-1-2");
		assertThat(offerTo(wantsB, Duration.ofSeconds(5)).get("seatIds")).isEqualTo("B-1-2");
	}

	/**
	 * A hold running out: its seat key and record are made to expire now, and the expiry
	 * sweep (every second) frees the seat — into the line.
	 */
	@Test
	void anExpiredHoldsSeatGoesToTheLineThroughTheExpirySweep() throws Exception {
		Session waiting = this.accounts.newUser();
		this.waitlist.joined(waiting, this.event, 1);
		String hold = this.holds.get("B-1-2");
		TestServices.get().redis((redis) -> {
			redis.pexpire(Booking.eventKey(this.event, "seat:B-1-2"), 1);
			redis.pexpire(Booking.eventKey(this.event, "hold:" + hold), 1);
			return redis.zadd(Booking.eventKey(this.event, "held"), ZAddArgs.Builder.xx(),
					(double) System.currentTimeMillis(), "B-1-2");
		});
		assertThat(offerTo(waiting, Duration.ofSeconds(5)).get("seatIds")).isEqualTo("B-1-2");
		assertThat(Booking.feedOf(this.event, "B-1-2")).containsExactly("HELD");
		assertThat(auditFailures()).isEmpty();
	}

	/**
	 * Between a hold running out (its keys expire in Redis) and the sweep that frees its
	 * seat (up to a second later), the seat is still taken: a public hold racing the
	 * sweep cannot have it, and the sweep gives it to the line.
	 */
	@Test
	void aHoldThatRanOutIsNotTakenByThePublicBeforeTheSweepGivesItToTheLine() throws Exception {
		Session waiting = this.accounts.newUser();
		this.waitlist.joined(waiting, this.event, 1);
		String hold = this.holds.get("A-1-4");
		String held = Booking.eventKey(this.event, "held");
		TestServices.get().redis((redis) -> {
			redis.pexpire(Booking.eventKey(this.event, "seat:A-1-4"), 1);
			redis.pexpire(Booking.eventKey(this.event, "hold:" + hold), 1);
			// Not due for the sweep for a few seconds yet.
			return redis.zadd(held, ZAddArgs.Builder.xx(), (double) System.currentTimeMillis() + 4000, "A-1-4");
		});
		Thread.sleep(50);
		Session outsider = this.accounts.newUser();
		Answer refused = this.booking.hold(outsider.bearer(), this.event, Map.of("seatIds", List.of("A-1-4")));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(this.booking.hold(outsider.bearer(), this.event, Map.of("section", "A", "quantity", 1)).status())
			.as("best available finds no seat either")
			.isEqualTo(409);
		assertThat(seatStatus("A-1-4")).isEqualTo("HELD");
		assertThat(offerTo(waiting, Duration.ofSeconds(10)).get("seatIds")).isEqualTo("A-1-4");
		assertThat(Booking.feedOf(this.event, "A-1-4")).containsExactly("HELD");
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void aCancelledOrderSeatsGoToTheLineNotBackToSale() throws Exception {
		Session buyer = this.accounts.newUser();
		this.booking.release(this.holder.bearer(), this.holds.get("B-1-1"));
		String hold = this.booking.holdSeats(buyer.bearer(), this.event, "B-1-1");
		String order = this.booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString())
			.body()
			.path("orderId")
			.asString();
		Session waiting = this.accounts.newUser();
		this.waitlist.joined(waiting, this.event, 1);

		assertThat(this.booking.cancel(buyer.bearer(), order)).isEqualTo(200);
		assertThat(offerTo(waiting, Duration.ofSeconds(5)).get("seatIds")).isEqualTo("B-1-1");
		assertThat(Booking.feedOf(this.event, "B-1-1")).containsExactly("HELD", "AVAILABLE", "HELD", "SOLD", "HELD");
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void anOfferWhosePurchaseFailsGoesBackInLineOnceThenEnds() throws Exception {
		Session buyer = this.accounts.newUser();
		Session next = this.accounts.newUser();
		UUID entry = this.waitlist.joined(buyer, this.event, 1);
		release("A-1-1");
		Map<String, String> first = offerTo(buyer, Duration.ofSeconds(5));
		UUID nextEntry = this.waitlist.joined(next, this.event, 1);

		Answer declined = this.booking.purchase(buyer.bearer(), first.get("holdId"), "tok_decline",
				UUID.randomUUID().toString());
		assertThat(declined.status()).isEqualTo(402);
		// Back at its place (the front), and offered the same seat again.
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> notes(buyer, "waitlist-offer").size() == 2);
		assertThat(offerState(first.get("offerId"))).isEqualTo("EXPIRED");
		Map<String, String> again = notes(buyer, "waitlist-offer").get(1);
		assertThat(again.get("seatIds")).isEqualTo("A-1-1");
		assertThat(requeued(entry)).isEqualTo(1);
		assertThat(notes(buyer, "waitlist-offer-expired").get(0).get("entryState")).isEqualTo("WAITING");

		assertThat(
				this.booking.purchase(buyer.bearer(), again.get("holdId"), "tok_decline", UUID.randomUUID().toString())
					.status())
			.isEqualTo(402);
		// Requeued once already: this time the entry ends, and the seat goes to the next.
		assertThat(offerTo(next, Duration.ofSeconds(5)).get("seatIds")).isEqualTo("A-1-1");
		assertThat(WaitlistTests.row(entry)).startsWith("EXPIRED|");
		assertThat(WaitlistTests.row(nextEntry)).startsWith("OFFERED|");
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void cancellingTheEventEndsEveryOfferAndEntryAndTellsTheBuyers() throws Exception {
		Session offered = this.accounts.newUser();
		Session waiting = this.accounts.newUser();
		UUID offeredEntry = this.waitlist.joined(offered, this.event, 1);
		UUID waitingEntry = this.waitlist.joined(waiting, this.event, 4);
		release("B-1-1");
		Map<String, String> offer = offerTo(offered, Duration.ofSeconds(5));
		this.catalog.cancel(this.organizer, this.event);
		this.cancelled.endDue().block(Duration.ofSeconds(10));
		assertThat(offerState(offer.get("offerId"))).isEqualTo("ENDED");
		assertThat(WaitlistTests.row(offeredEntry)).startsWith("ENDED|");
		assertThat(WaitlistTests.row(waitingEntry)).startsWith("ENDED|");
		assertThat(notes(offered, "waitlist-ended")).hasSize(1);
		assertThat(notes(waiting, "waitlist-ended")).hasSize(1);
		assertThat(offeredSeats()).isZero();
		assertThat(this.booking.purchase(offered.bearer(), offer.get("holdId"), "tok_ok", UUID.randomUUID().toString())
			.status()).isEqualTo(409);
		assertThat(this.waitlist.decline(offered, offer.get("offerId")).body().path("offerState").asString())
			.isEqualTo("ENDED");
	}

	@Test
	void onlyTheOffersBuyerMayDeclineIt() throws Exception {
		Session buyer = this.accounts.newUser();
		this.waitlist.joined(buyer, this.event, 1);
		release("A-1-1");
		String offerId = offerTo(buyer, Duration.ofSeconds(5)).get("offerId");
		Answer stranger = this.waitlist.decline(this.accounts.newUser(), offerId);
		assertThat(stranger.status()).isEqualTo(404);
		assertThat(stranger.body().path("type").asString()).endsWith("waitlist-offer-not-found");
		assertThat(this.waitlist.decline(buyer, UUID.randomUUID().toString()).status()).isEqualTo(404);
		assertThat(this.waitlist.decline(buyer, "not-a-uuid").status()).isEqualTo(400);
		assertThat(offerState(offerId)).isEqualTo("LIVE");
	}

	private void release(String... seats) {
		for (String seat : seats) {
			assertThat(this.booking.release(this.holder.bearer(), this.holds.get(seat))).isEqualTo(204);
		}
	}

	private String seatStatus(String seat) {
		return this.client.get()
			.uri("/api/events/{id}/seats", this.event)
			.exchange()
			.expectBody(tools.jackson.databind.JsonNode.class)
			.returnResult()
			.getResponseBody()
			.valueStream()
			.filter((s) -> seat.equals(s.path("id").asString()))
			.findFirst()
			.orElseThrow()
			.path("status")
			.asString();
	}

	private List<String> auditFailures() {
		return this.booking.auditFailures(this.organizer.bearer(), this.event);
	}

	static String offerState(String offerId) throws Exception {
		return (String) Booking.scalar("SELECT state FROM waitlist_offers WHERE id = ?", UUID.fromString(offerId));
	}

	private long offeredSeats() throws Exception {
		return (Long) Booking.scalar("SELECT count(*) FROM waitlist_offer_seats WHERE event_id = ?", this.event);
	}

	private static int requeued(UUID entry) throws Exception {
		return (Integer) Booking.scalar("SELECT requeued FROM waitlist_entries WHERE id = ?", entry);
	}

}
