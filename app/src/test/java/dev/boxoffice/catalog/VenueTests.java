package dev.boxoffice.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Venues with their layouts: who may create them, and what a layout must be. */
@IntegrationTest
class VenueTests {

	@Autowired
	WebTestClient client;

	Session organizer;

	@BeforeEach
	void organizer() {
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
	}

	@Test
	void anOrganizerCreatesAVenueWithItsLayout() {
		Map<String, Object> venue = Catalog.venue("Lyon",
				List.of(Catalog.section("A", 6500, 2, 10), Map.of("code", "B", "priceCents", 3000, "rows",
						List.of(Map.of("label", "1", "numbers", List.of(1, 3, 5, 7), "accessible", List.of(1, 3))))));
		this.client.post()
			.uri("/api/venues")
			.header("Authorization", this.organizer.bearer())
			.bodyValue(venue)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.capacity")
			.isEqualTo(24)
			.jsonPath("$.organizerId")
			.isEqualTo(this.organizer.userId().toString())
			.jsonPath("$.sections[0].code")
			.isEqualTo("A")
			.jsonPath("$.sections[0].seats")
			.isEqualTo(20)
			.jsonPath("$.sections[1].seats")
			.isEqualTo(4)
			.jsonPath("$.sections[1].priceCents")
			.isEqualTo(3000);
	}

	@Test
	void aUserMayNotCreateVenues() {
		Session user = new Accounts(this.client).newUser();
		this.client.post()
			.uri("/api/venues")
			.header("Authorization", user.bearer())
			.bodyValue(Catalog.venue("Lyon", List.of(Catalog.section("A", 100, 1, 1))))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void aLayoutMustNotBeEmpty() {
		expectInvalid(Map.of("name", "Empty", "city", "Lyon", "sections", List.of()), "sections");
		expectInvalid(Map.of("name", "Rowless", "city", "Lyon", "sections",
				List.of(Map.of("code", "A", "priceCents", 100, "rows", List.of()))), "sections[0].rows");
	}

	@Test
	void duplicateSeatsAreRefusedWithTheirPlace() {
		expectInvalid(Catalog.venue("Lyon", List.of(Catalog.section("A", 100, 1, 5), Catalog.section("A", 100, 1, 5))),
				"sections[1].code");
		expectInvalid(
				Catalog.venue("Lyon",
						List.of(Map.of("code", "A", "priceCents", 100, "rows",
								List.of(Map.of("label", "1", "seats", 3), Map.of("label", "1", "seats", 3))))),
				"sections[0].rows[1].label");
		expectInvalid(
				Catalog.venue("Lyon",
						List.of(Map.of("code", "A", "priceCents", 100, "rows",
								List.of(Map.of("label", "1", "numbers", List.of(4, 5, 4)))))),
				"sections[0].rows[0].numbers");
		expectInvalid(
				Catalog.venue("Lyon",
						List.of(Map.of("code", "A", "priceCents", 100, "rows",
								List.of(Map.of("label", "1", "seats", 3, "numbers", List.of(1)))))),
				"sections[0].rows[0]");
	}

	@Test
	void badValuesNameTheirField() {
		expectInvalid(
				Catalog.venue("Lyon", List
					.of(Map.of("code", "A-1", "priceCents", -5, "rows", List.of(Map.of("label", "1", "seats", 3))))),
				"sections[0].code");
		expectInvalid(Map.of("name", " ", "city", "Lyon", "sections", List.of(Catalog.section("A", 100, 1, 1))),
				"name");
	}

	@Test
	void aVenueOfAHundredThousandSeatsIsAcceptedAndOneMoreThanTheLimitIsNot() throws Exception {
		UUID venue = new Catalog(this.client).createVenue(this.organizer,
				Catalog.venue("Lyon", List.of(Catalog.section("A", 1000, 50, 2000))));
		assertThat(seatsOf(venue)).isEqualTo(100_000);
		expectInvalid(
				Catalog.venue("Lyon", List.of(Catalog.section("A", 1000, 100, 2000), Catalog.section("B", 1000, 1, 1))),
				"sections");
	}

	private void expectInvalid(Map<String, Object> venue, String field) {
		this.client.post()
			.uri("/api/venues")
			.header("Authorization", this.organizer.bearer())
			.bodyValue(venue)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:validation")
			.jsonPath("$.errors[*].field")
			.value((List<String> fields) -> assertThat(fields).contains(field));
	}

	private static long seatsOf(UUID venue) throws Exception {
		try (Connection db = TestServices.get().jdbc();
				PreparedStatement query = db.prepareStatement("SELECT count(*) FROM venue_seats WHERE venue_id = ?")) {
			query.setObject(1, venue);
			try (ResultSet row = query.executeQuery()) {
				row.next();
				return row.getLong(1);
			}
		}
	}

}
