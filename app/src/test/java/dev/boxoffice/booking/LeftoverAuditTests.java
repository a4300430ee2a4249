package dev.boxoffice.booking;

import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit finds what failed requests may leave behind: a Redis key of the event that
 * would never expire, an Idempotency-Key of one of its orders still in flight long after.
 */
@IntegrationTest
// Recovery would settle the key this test leaves in flight; it must not run meanwhile.
@TestPropertySource(properties = { "boxoffice.booking.recovery-after=10m", "boxoffice.booking.recovery-interval=10m" })
class LeftoverAuditTests {

	@Autowired
	WebTestClient client;

	@Test
	void aRedisKeyOfTheEventWithoutATtlFailsTheAudit() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 4);
		Booking booking = new Booking(this.client);
		String hold = booking.holdSeats(new Accounts(this.client).newUser().bearer(), event, "A-1-1");
		assertThat(check(booking.audit(organizer.bearer(), event), "noRedisKeyWithoutTtl").path("ok").asBoolean())
			.isTrue();
		String record = Booking.eventKey(event, "hold:" + hold);
		TestServices.get().redis((redis) -> redis.persist(record));
		JsonNode leak = check(booking.audit(organizer.bearer(), event), "noRedisKeyWithoutTtl");
		assertThat(leak.path("ok").asBoolean()).isFalse();
		assertThat(leak.path("value").asLong()).isEqualTo(1);
		TestServices.get().redis((redis) -> redis.pexpire(record, 60_000));
		assertThat(booking.audit(organizer.bearer(), event).path("ok").asBoolean()).isTrue();
	}

	@Test
	void aKeyLeftInFlightLongAfterItsPurchaseFailsTheAudit() throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 4);
		Booking booking = new Booking(this.client);
		Session buyer = new Accounts(this.client).newUser();
		String hold = booking.holdSeats(buyer.bearer(), event, "A-1-2");
		String key = UUID.randomUUID().toString();
		assertThat(booking.purchase(buyer.bearer(), hold, "tok_ok", key).status()).isEqualTo(201);
		assertThat(check(booking.audit(organizer.bearer(), event), "noKeyStuckInFlight").path("ok").asBoolean())
			.isTrue();
		// As a request that died before it could keep its outcome would have left it, an
		// hour ago.
		Booking.scalar("UPDATE idempotency_keys SET status = 'IN_FLIGHT', created_at = now() - interval '1 hour' "
				+ "WHERE key = ? RETURNING key", key);
		JsonNode stuck = check(booking.audit(organizer.bearer(), event), "noKeyStuckInFlight");
		assertThat(stuck.path("ok").asBoolean()).isFalse();
		assertThat(stuck.path("value").asLong()).isEqualTo(1);
	}

	private static JsonNode check(JsonNode report, String name) {
		for (JsonNode check : report.path("checks")) {
			if (name.equals(check.path("name").asString())) {
				return check;
			}
		}
		throw new AssertionError("no check " + name + " in " + report);
	}

}
