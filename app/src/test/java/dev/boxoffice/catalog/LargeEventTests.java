package dev.boxoffice.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 50,000-seat event: published in one transaction, listed in full. (Speed is the load
 * harness's business.)
 */
@IntegrationTest
class LargeEventTests {

	@Autowired
	WebTestClient client;

	@Test
	void publishingAFiftyThousandSeatEventCreatesEverySeat() throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		Catalog catalog = new Catalog(this.client);
		UUID venue = catalog.createVenue(organizer, Catalog.venue("Lyon",
				List.of(Catalog.section("A", 9000, 10, 2000), Catalog.section("B", 4000, 15, 2000))));
		UUID event = catalog.createEvent(organizer, Catalog.event(venue, "Stadium Night", "music", 30));
		catalog.publish(organizer, event);

		try (Connection db = TestServices.get().jdbc(); PreparedStatement query = db.prepareStatement("""
				SELECT count(*), count(*) FILTER (WHERE status = 'AVAILABLE' AND version = 0),
				       count(*) FILTER (WHERE section_code = 'A' AND price_cents = 9000),
				       (SELECT capacity FROM events WHERE id = ?)
				FROM seats WHERE event_id = ?
				""")) {
			query.setObject(1, event);
			query.setObject(2, event);
			try (ResultSet row = query.executeQuery()) {
				row.next();
				assertThat(row.getLong(1)).isEqualTo(50_000);
				assertThat(row.getLong(2)).isEqualTo(50_000);
				assertThat(row.getLong(3)).isEqualTo(20_000);
				assertThat(row.getLong(4)).isEqualTo(50_000);
			}
		}
		this.client.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
			.build()
			.get()
			.uri("/api/events/{id}/seats", event)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(50_000);
	}

	/**
	 * Right after publishing, the planner knows the event's seats are many: a single seat
	 * is found through the primary key. (Never analyzed, the table looks nearly empty to
	 * it, and it walks every free seat of the event instead — as every purchase of a
	 * flash sale did before the statistics were refreshed on publishing.)
	 */
	@Test
	void aSeatOfAFreshlyPublishedEventIsFoundByItsKey() throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		Catalog catalog = new Catalog(this.client);
		UUID venue = catalog.createVenue(organizer,
				Catalog.venue("Nantes", List.of(Catalog.section("A", 5000, 10, 500))));
		UUID event = catalog.createEvent(organizer, Catalog.event(venue, "Arena Night", "music", 30));
		catalog.publish(organizer, event);

		try (Connection db = TestServices.get().jdbc();
				PreparedStatement query = db.prepareStatement(
						"EXPLAIN SELECT version FROM seats WHERE event_id = ? AND seat_id = ? AND status = 'AVAILABLE'")) {
			query.setObject(1, event);
			query.setString(2, "A-1-1");
			StringBuilder plan = new StringBuilder();
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
			// An index scan or a bitmap scan of the key, depending on the other events'
			// figures.
			assertThat(plan.toString()).contains("seats_pkey")
				.doesNotContain("seats_free_in_section_idx")
				.doesNotContain("seats_layout_idx")
				.doesNotContain("Seq Scan");
		}
	}

}
