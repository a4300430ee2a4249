package dev.boxoffice.inventory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.inventory.SeatScripts.Attempt;
import dev.boxoffice.inventory.SeatScripts.Holder;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command whose reply was lost may reach Redis twice (a client, or a person, sending it
 * again). Every script that changes seat state has, run twice, the effect of once.
 */
@Tag("faults")
@IntegrationTest
class ScriptReplayTests {

	static final Duration TTL = Duration.ofMinutes(5);

	@Autowired
	WebTestClient client;

	@Autowired
	SeatScripts scripts;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		this.event = new Catalog(this.client).eventOnSale(new Accounts(this.client).newUserWithRoles("ORGANIZER"),
				"Lyon", 1, 10);
	}

	@Test
	void aHoldRunTwiceHoldsOnceAndAnswersTheSameBothTimes() {
		UUID buyer = UUID.randomUUID();
		String holdId = "h-replayed-" + UUID.randomUUID();
		Holder holder = new Holder(buyer, "127.0.0.1", 10, 40);
		Attempt first = this.scripts
			.hold(this.event, holdId, holder, List.of("A-1-1", "A-1-2"), Units.NONE, List.of(), TTL, record(buyer))
			.block(Duration.ofSeconds(10));
		Attempt again = this.scripts
			.hold(this.event, holdId, holder, List.of("A-1-1", "A-1-2"), Units.NONE, List.of(), TTL, record(buyer))
			.block(Duration.ofSeconds(10));
		assertThat(first.held()).isTrue();
		assertThat(again.held()).isTrue();
		assertThat(again.expiresAtMillis()).isEqualTo(first.expiresAtMillis());
		assertThat(Booking.feedOf(this.event, "A-1-1")).containsExactly("HELD");
		TestServices.get().<Void>redis((redis) -> {
			assertThat(redis.get(Booking.eventKey(this.event, "seat:A-1-1"))).isEqualTo(holdId);
			assertThat(redis.zrange(Booking.eventKey(this.event, "buyer:" + buyer), 0, -1))
				.containsExactly(holdId + "|2");
			assertThat(redis.zrange(Booking.eventKey(this.event, "addr:127.0.0.1"), 0, -1))
				.containsExactly(holdId + "|2");
			return null;
		});
	}

	@Test
	void aClaimAndAReleaseRunTwiceDoWhatTheyDoOnce() {
		UUID buyer = UUID.randomUUID();
		String holdId = "h-replayed-" + UUID.randomUUID();
		Holder holder = new Holder(buyer, "127.0.0.1", 10, 40);
		Attempt held = this.scripts
			.hold(this.event, holdId, holder, List.of("A-1-3"), Units.NONE, List.of(), TTL, record(buyer))
			.block(Duration.ofSeconds(10));
		assertThat(held.held()).isTrue();
		HoldRef hold = new HoldRef(this.event, holdId, buyer, "127.0.0.1", List.of("A-1-3"), Units.NONE);
		String order = UUID.randomUUID().toString();
		assertThat(this.scripts.claim(hold, order, 60_000).block(Duration.ofSeconds(10))).isTrue();
		assertThat(this.scripts.claim(hold, order, 60_000).block(Duration.ofSeconds(10))).isTrue();
		assertThat(this.scripts.claim(hold, UUID.randomUUID().toString(), 60_000).block(Duration.ofSeconds(10)))
			.as("another order's claim")
			.isFalse();
		assertThat(this.scripts.release(hold, order).block(Duration.ofSeconds(10))).isEqualTo(1L);
		assertThat(this.scripts.release(hold, order).block(Duration.ofSeconds(10))).as("released again").isEqualTo(-1L);
		assertThat(Booking.feedOf(this.event, "A-1-3")).containsExactly("HELD", "AVAILABLE");
		Long left = TestServices.get()
			.redis((redis) -> redis.exists(Booking.eventKey(this.event, "seat:A-1-3"),
					Booking.eventKey(this.event, "hold:" + holdId), Booking.eventKey(this.event, "buyer:" + buyer)));
		assertThat(left).isZero();
	}

	private static Map<String, String> record(UUID buyer) {
		Map<String, String> record = new LinkedHashMap<>();
		record.put("buyer", buyer.toString());
		record.put("address", "127.0.0.1");
		record.put("currency", "EUR");
		record.put("total", "0");
		record.put("seats", "");
		record.put("retainUntil", Long.toString(System.currentTimeMillis() + Duration.ofDays(30).toMillis()));
		return record;
	}

}
