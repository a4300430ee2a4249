package dev.boxoffice.hold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.ForgedTokens;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds: all or nothing, one owner per seat however many race, own holds only. */
@IntegrationTest
class HoldTests {

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

	@Test
	void twoHundredBuyersRaceForTenSeatsAndEachSeatGoesToExactlyOne() throws Exception {
		int buyers = 200;
		ExecutorService pool = Executors.newFixedThreadPool(32);
		List<Callable<Answer>> attempts = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			String seat = "A-1-" + (i % 10 + 1);
			String bearer = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
			attempts.add(() -> this.booking.hold(bearer, this.event, Map.of("seatIds", List.of(seat))));
		}
		List<Answer> answers = new ArrayList<>();
		try {
			for (Future<Answer> answer : pool.invokeAll(attempts)) {
				answers.add(answer.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<Answer> won = answers.stream().filter((a) -> a.status() == 201).toList();
		assertThat(won).hasSize(10);
		assertThat(answers).filteredOn((a) -> a.status() != 201).hasSize(190).allSatisfy((lost) -> {
			assertThat(lost.status()).isEqualTo(409);
			assertThat(lost.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:seats-unavailable");
		});
		Set<String> winningHolds = new HashSet<>();
		won.forEach((a) -> winningHolds.add(a.body().path("holdId").asString()));
		// In Redis: each seat owned by exactly one of the winning holds, and held once.
		Set<String> owners = new HashSet<>();
		for (int n = 1; n <= 10; n++) {
			String seat = "A-1-" + n;
			owners.add(TestServices.get().redis((redis) -> redis.get(Booking.eventKey(this.event, "seat:" + seat))));
		}
		assertThat(owners).isEqualTo(winningHolds);
		Long held = TestServices.get().redis((redis) -> redis.zcard(Booking.eventKey(this.event, "held")));
		assertThat(held).isEqualTo(10);
		this.client.get()
			.uri("/api/events/{id}", this.event)
			.exchange()
			.expectBody()
			.jsonPath("$.counts.held")
			.isEqualTo(10);
	}

	@Test
	void aHoldIsAllOrNothing() {
		String first = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		String second = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		this.booking.holdSeats(first, this.event, "A-1-2");
		Answer refused = this.booking.hold(second, this.event, Map.of("seatIds", List.of("A-1-1", "A-1-2", "A-1-3")));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body().path("unavailableSeats").get(0).asString()).isEqualTo("A-1-2");
		// A-1-1 and A-1-3 were not taken by the refused hold.
		this.booking.holdSeats(second, this.event, "A-1-1", "A-1-3");
	}

	@Test
	void bestAvailableTakesAdjacentSeatsInOneRow() {
		String bearer = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		this.booking.holdSeats(bearer, this.event, "A-1-2", "A-1-6");
		Answer best = this.booking.hold(bearer, this.event, Map.of("section", "A", "quantity", 3));
		assertThat(seatsOf(best)).containsExactly("A-1-3", "A-1-4", "A-1-5");
		assertThat(best.body().path("totalCents").asLong()).isEqualTo(15000);
	}

	@Test
	void bestAvailableLooksPastAFrontFullOfHeldSeats() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID large = new Catalog(this.client).eventOnSale(organizer, "Lyon", 6, 50);
		String bearer = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		// Rows 1 to 4 and the first half of row 5 held (by others, five seats each): 225
		// seats, more than one page.
		for (int row = 1; row <= 5; row++) {
			for (int from = 1; from <= ((row == 5) ? 25 : 50); from += 5) {
				List<String> seats = new ArrayList<>();
				for (int number = from; number < from + 5; number++) {
					seats.add("A-" + row + "-" + number);
				}
				String other = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
				this.booking.holdSeats(other, large, seats.toArray(String[]::new));
			}
		}
		Answer best = this.booking.hold(bearer, large, Map.of("section", "A", "quantity", 4));
		assertThat(seatsOf(best)).containsExactly("A-5-26", "A-5-27", "A-5-28", "A-5-29");
	}

	@Test
	void bestAvailableSkipsSoldSeatsAndTakesARefundedOneAtItsCurrentVersion() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		// A-1-1 to A-1-3 sold; then A-1-1 and A-1-2 come back (version 2) when that order
		// is cancelled,
		// and A-1-3 is sold to someone else.
		String first = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-1", "A-1-2");
		String refunded = this.booking.purchase(buyer.bearer(), first, "tok_ok", UUID.randomUUID().toString())
			.body()
			.path("orderId")
			.asString();
		String other = this.booking.holdSeats(buyer.bearer(), this.event, "A-1-3");
		assertThat(this.booking.purchase(buyer.bearer(), other, "tok_ok", UUID.randomUUID().toString()).status())
			.isEqualTo(201);
		Answer best = this.booking.hold(buyer.bearer(), this.event, Map.of("section", "A", "quantity", 2));
		assertThat(seatsOf(best)).containsExactly("A-1-4", "A-1-5");
		this.client.post()
			.uri("/api/orders/{id}/cancel", refunded)
			.header("Authorization", buyer.bearer())
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(Booking.seatStates(this.event, "A-1-1", "A-1-2")).containsValues("AVAILABLE/2", "AVAILABLE/2");
		Answer again = this.booking.hold(buyer.bearer(), this.event, Map.of("section", "A", "quantity", 2));
		assertThat(seatsOf(again)).containsExactly("A-1-1", "A-1-2");
		// The hold carries the versions the seats have now, so the optimistic commit
		// succeeds.
		assertThat(this.booking
			.purchase(buyer.bearer(), again.body().path("holdId").asString(), "tok_ok", UUID.randomUUID().toString())
			.status()).isEqualTo(201);
		assertThat(Booking.seatStates(this.event, "A-1-1", "A-1-2")).containsValues("SOLD/3", "SOLD/3");
	}

	/** The seats of a hold that was made (201). */
	private static List<String> seatsOf(Answer hold) {
		assertThat(hold.status()).isEqualTo(201);
		List<String> seats = new ArrayList<>();
		hold.body().path("seats").forEach((seat) -> seats.add(seat.path("id").asString()));
		return seats;
	}

	@Test
	void badRequestsAreRefusedClearly() {
		String bearer = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		assertThat(this.booking.hold(bearer, this.event, Map.of("seatIds", List.of("Z-9-9"))).status()).isEqualTo(400);
		assertThat(this.booking.hold(bearer, this.event, Map.of("seatIds", List.of("A-1-1", "A-1-1"))).status())
			.isEqualTo(400);
		assertThat(this.booking.hold(bearer, this.event, Map.of("section", "A", "quantity", 11)).status())
			.isEqualTo(400);
		assertThat(this.booking.hold(bearer, this.event, Map.of()).status()).isEqualTo(400);
		assertThat(this.booking.hold(bearer, UUID.randomUUID(), Map.of("seatIds", List.of("A-1-1"))).status())
			.isEqualTo(404);
		this.client.post()
			.uri("/api/events/{id}/holds", this.event)
			.bodyValue(Map.of("seatIds", List.of("A-1-1")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aCancelledEventTakesNoMoreHoldsAtOnce() {
		String bearer = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		// The event on sale is now kept by this instance for holds.
		this.booking.holdSeats(bearer, this.event, "A-1-1");
		this.client.post()
			.uri("/api/events/{id}/cancel", this.event)
			.header("Authorization", this.organizer.bearer())
			.exchange()
			.expectStatus()
			.isOk();
		Answer refused = this.booking.hold(bearer, this.event, Map.of("seatIds", List.of("A-1-2")));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:event-status");
		assertThat(refused.body().path("eventStatus").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void anEventCancelledByAnotherInstanceTakesNoMoreHoldsWithinTheFreshness() throws Exception {
		String bearer = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		this.booking.holdSeats(bearer, this.event, "A-1-1");
		// Another instance cancels: this one learns of it only by reading the event
		// again.
		Booking.scalar("UPDATE events SET status = 'CANCELLED' WHERE id = ? RETURNING id", this.event);
		long cancelled = System.nanoTime();
		List<String> seats = new ArrayList<>();
		for (int n = 2; n <= 20; n++) {
			seats.add("A-" + ((n - 1) / 10 + 1) + "-" + ((n - 1) % 10 + 1));
		}
		Answer answer = null;
		for (String seat : seats) {
			answer = this.booking.hold(bearer, this.event, Map.of("seatIds", List.of(seat)));
			if (answer.status() != 201) {
				break;
			}
			Thread.sleep(150);
		}
		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:event-status");
		// boxoffice.events.on-sale-freshness is 1 s; the rest is slack for a slow
		// machine.
		assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void onlyTheBuyerSeesAndReleasesTheirHold() {
		String owner = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		String other = "Bearer " + ForgedTokens.valid(UUID.randomUUID(), "USER");
		String hold = this.booking.holdSeats(owner, this.event, "A-2-1", "A-2-2");
		this.client.get()
			.uri("/api/holds/{id}", hold)
			.header("Authorization", other)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.delete()
			.uri("/api/holds/{id}", hold)
			.header("Authorization", other)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/api/holds/{id}", hold)
			.header("Authorization", owner)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.seats.length()")
			.isEqualTo(2);
		this.client.delete()
			.uri("/api/holds/{id}", hold)
			.header("Authorization", owner)
			.exchange()
			.expectStatus()
			.isNoContent();
		this.client.get()
			.uri("/api/holds/{id}", hold)
			.header("Authorization", owner)
			.exchange()
			.expectStatus()
			.isNotFound();
		Long keys = TestServices.get().redis((redis) -> redis.exists(Booking.eventKey(this.event, "seat:A-2-1")));
		assertThat(keys).isZero();
		assertThat(Booking.feedOf(this.event, "A-2-1")).containsExactly("HELD", "AVAILABLE");
		this.booking.holdSeats(other, this.event, "A-2-1", "A-2-2");
	}

}
