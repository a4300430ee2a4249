package dev.boxoffice.hold;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One account, and one client address, can hold only so much of an event at once, so that
 * nobody can keep an event's seats from everyone else with holds they could never buy (an
 * account may buy 10).
 */
@IntegrationTest
@TestPropertySource(properties = "boxoffice.holds.max-held-per-address=15")
class HoldLimitTests {

	@Autowired
	WebTestClient client;

	Booking booking;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		this.booking = new Booking(this.client);
		this.event = new Catalog(this.client).eventOnSale(new Accounts(this.client).newUserWithRoles("ORGANIZER"),
				"Lyon", 10, 10);
	}

	@Test
	void anAccountHoldsAtMostTenSeatsOfAnEventAtOnce() {
		Session buyer = new Accounts(this.client).newUser();
		String first = this.booking.holdSeats(buyer.bearer(), this.event, seats(1, 1, 5));
		this.booking.holdSeats(buyer.bearer(), this.event, seats(1, 6, 5));
		Answer more = this.booking.hold(buyer.bearer(), this.event, Map.of("seatIds", List.of("A-2-1")));
		assertThat(more.status()).isEqualTo(409);
		assertThat(more.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:hold-limit");
		assertThat(more.body().path("scope").asString()).isEqualTo("buyer");
		assertThat(more.body().path("held").asInt()).isEqualTo(10);
		assertThat(more.body().path("limit").asInt()).isEqualTo(10);
		// Giving a hold up, or buying one, makes room again.
		assertThat(this.booking.release(buyer.bearer(), first)).isEqualTo(204);
		String again = this.booking.holdSeats(buyer.bearer(), this.event, seats(2, 1, 5));
		assertThat(this.booking.purchase(buyer.bearer(), again, "tok_ok", UUID.randomUUID().toString()).status())
			.isEqualTo(201);
		assertThat(this.booking.hold(buyer.bearer(), this.event, Map.of("seatIds", List.of("A-3-1"))).status())
			.isEqualTo(201);
	}

	/**
	 * Eight holds of ten sent at once by one account: it ends up holding ten seats, not
	 * eighty.
	 */
	@Test
	void racingHoldsOfOneAccountStayWithinItsBound() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Answer>> racing = new ArrayList<>();
		for (int row = 3; row <= 10; row++) {
			String[] seats = seats(row, 1, 10);
			racing.add(CompletableFuture.supplyAsync(() -> {
				await(start);
				return this.booking.hold(buyer.bearer(), this.event, Map.of("seatIds", List.of(seats)));
			}));
		}
		start.countDown();
		int granted = 0;
		for (CompletableFuture<Answer> hold : racing) {
			Answer answer = hold.get(30, TimeUnit.SECONDS);
			assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
			granted += (answer.status() == 201) ? 1 : 0;
		}
		assertThat(granted).isEqualTo(1);
		Long held = TestServices.get().redis((redis) -> redis.zcard(Booking.eventKey(this.event, "held")));
		assertThat(held).isEqualTo(10);
	}

	@Test
	void oneClientAddressHoldsAtMostItsBoundAcrossAccounts() {
		for (int i = 0; i < 3; i++) {
			this.booking.holdSeats(new Accounts(this.client).newUser().bearer(), this.event, seats(i + 1, 1, 5));
		}
		Answer more = this.booking.hold(new Accounts(this.client).newUser().bearer(), this.event,
				Map.of("seatIds", List.of("A-9-9")));
		assertThat(more.status()).isEqualTo(409);
		assertThat(more.body().path("scope").asString()).isEqualTo("address");
		assertThat(more.body().path("limit").asInt()).isEqualTo(15);
	}

	private static String[] seats(int row, int from, int count) {
		String[] seats = new String[count];
		for (int i = 0; i < count; i++) {
			seats[i] = "A-" + row + "-" + (from + i);
		}
		return seats;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
