package dev.boxoffice.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search filters and cursor pagination. Each test works in a city of its own, so events
 * made by other tests never show up.
 */
@IntegrationTest
class EventSearchTests {

	@Autowired
	WebTestClient client;

	Catalog catalog;

	Session organizer;

	String city;

	UUID venue;

	@BeforeEach
	void cityOfItsOwn() {
		this.catalog = new Catalog(this.client);
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		this.city = "City" + UUID.randomUUID().toString().substring(0, 8);
		this.venue = this.catalog.createVenue(this.organizer,
				Catalog.venue(this.city, List.of(Catalog.section("A", 100, 1, 2))));
	}

	@Test
	void filtersByTextCategoryCityAndDates() {
		UUID jazz = onSale("Late Night Jazz Session", "music", 3);
		UUID comedy = onSale("Comedy Marathon", "comedy", 10);
		UUID festival = onSale("Festival of Strings", "music", 20);
		this.catalog.createEvent(this.organizer, Catalog.event(this.venue, "Jazz Draft", "music", 4));

		assertThat(ids(Map.of("city", this.city))).containsExactly(jazz, comedy, festival);
		assertThat(ids(Map.of("city", this.city.toUpperCase()))).containsExactly(jazz, comedy, festival);
		assertThat(ids(Map.of("city", this.city, "q", "jazz"))).containsExactly(jazz);
		assertThat(ids(Map.of("city", this.city, "q", "fest str"))).containsExactly(festival);
		assertThat(ids(Map.of("city", this.city, "q", "about marathon"))).containsExactly(comedy);
		assertThat(ids(Map.of("city", this.city, "category", "music"))).containsExactly(jazz, festival);
		Instant day = Instant.now().truncatedTo(ChronoUnit.HOURS);
		assertThat(ids(Map.of("city", this.city, "from", day.plus(Duration.ofDays(5)).toString(), "to",
				day.plus(Duration.ofDays(15)).toString())))
			.containsExactly(comedy);
		assertThat(ids(Map.of("city", this.city, "q", "!!! ???"))).containsExactly(jazz, comedy, festival);
	}

	@Test
	void draftsAreFoundOnlyByTheirOrganizer() {
		UUID draft = this.catalog.createEvent(this.organizer, Catalog.event(this.venue, "Unpublished", "music", 4));
		assertThat(ids(Map.of("city", this.city, "status", "DRAFT"), this.organizer)).containsExactly(draft);
		assertThat(ids(Map.of("city", this.city, "status", "DRAFT"),
				new Accounts(this.client).newUserWithRoles("ORGANIZER")))
			.isEmpty();
		assertThat(ids(Map.of("city", this.city, "status", "DRAFT"))).isEmpty();
	}

	@Test
	void mineListsOnlyTheCallersOwnEventsOfTheStatusAskedFor() {
		UUID mine = onSale("Mine On Sale", "music", 3);
		Session other = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID venueOfOther = this.catalog.createVenue(other,
				Catalog.venue(this.city, List.of(Catalog.section("A", 100, 1, 2))));
		UUID theirs = this.catalog.createEvent(other, Catalog.event(venueOfOther, "Theirs", "music", 4));
		this.catalog.publish(other, theirs);
		UUID draft = this.catalog.createEvent(this.organizer, Catalog.event(this.venue, "Mine Draft", "music", 5));

		assertThat(ids(Map.of("city", this.city))).containsExactly(mine, theirs);
		assertThat(ids(Map.of("city", this.city, "mine", "true"), this.organizer)).containsExactly(mine);
		assertThat(ids(Map.of("city", this.city, "mine", "true"), other)).containsExactly(theirs);
		assertThat(ids(Map.of("city", this.city, "mine", "true", "status", "DRAFT"), this.organizer))
			.containsExactly(draft);
		assertThat(ids(Map.of("city", this.city, "mine", "true"), new Accounts(this.client).admin())).isEmpty();
		assertThat(ids(Map.of("city", this.city, "mine", "true"))).isEmpty();
		expectInvalid(Map.of("mine", "sometimes"), "mine");
	}

	@Test
	void pagesNeitherRepeatNorSkipWhileEventsAreAdded() {
		List<UUID> original = new ArrayList<>();
		for (int day = 1; day <= 9; day++) {
			original.add(onSale("Night " + day, "music", day * 2));
		}
		Set<UUID> seen = new HashSet<>();
		List<UUID> inOrder = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		int added = 0;
		do {
			JsonNode page = search(cursor == null ? Map.of("city", this.city, "limit", "2")
					: Map.of("city", this.city, "limit", "2", "cursor", cursor), null);
			for (JsonNode item : page.path("items")) {
				UUID id = UUID.fromString(item.path("id").asString());
				assertThat(seen.add(id)).as("event %s seen twice", id).isTrue();
				inOrder.add(id);
			}
			// Meanwhile, events arrive both before and after the current position.
			onSale("Earlier " + added, "music", 1);
			onSale("Later " + added, "music", 30 + added);
			added++;
			cursor = page.path("nextCursor").isMissingNode() || page.path("nextCursor").isNull() ? null
					: page.path("nextCursor").asString();
			pages++;
		}
		while (cursor != null && pages < 50);
		assertThat(inOrder).containsAll(original);
		assertThat(inOrder.subList(0, original.size())).containsExactlyElementsOf(original);
	}

	@Test
	void eventsStartingAtTheSameMomentArePagedByIdWithoutRepeatOrGap() {
		List<UUID> all = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			all.add(onSale("Same time " + i, "music", 6));
		}
		List<UUID> paged = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = search(cursor == null ? Map.of("city", this.city, "limit", "2")
					: Map.of("city", this.city, "limit", "2", "cursor", cursor), null);
			page.path("items").forEach((item) -> paged.add(UUID.fromString(item.path("id").asString())));
			cursor = page.path("nextCursor").isMissingNode() || page.path("nextCursor").isNull() ? null
					: page.path("nextCursor").asString();
		}
		while (cursor != null);
		assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
		// PostgreSQL orders uuids byte by byte, as their lower-case text sorts.
		assertThat(paged).isSortedAccordingTo(Comparator.comparing(UUID::toString));
	}

	@Test
	void badCursorsAndLimitsAreValidationErrors() {
		expectInvalid(Map.of("cursor", "not-a-cursor"), "cursor");
		expectInvalid(Map.of("limit", "0"), "limit");
		expectInvalid(Map.of("limit", "101"), "limit");
	}

	private UUID onSale(String title, String category, int inDays) {
		UUID event = this.catalog.createEvent(this.organizer, Catalog.event(this.venue, title, category, inDays));
		this.catalog.publish(this.organizer, event);
		return event;
	}

	private List<UUID> ids(Map<String, String> params) {
		return ids(params, null);
	}

	private List<UUID> ids(Map<String, String> params, Session as) {
		List<UUID> ids = new ArrayList<>();
		search(params, as).path("items").forEach((item) -> ids.add(UUID.fromString(item.path("id").asString())));
		return ids;
	}

	private JsonNode search(Map<String, String> params, Session as) {
		WebTestClient.RequestHeadersSpec<?> request = this.client.get().uri((uri) -> query(uri, params));
		if (as != null) {
			request = request.header("Authorization", as.bearer());
		}
		return request.exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	private void expectInvalid(Map<String, String> params, String field) {
		this.client.get()
			.uri((uri) -> query(uri, params))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	private static java.net.URI query(UriBuilder uri, Map<String, String> params) {
		uri.path("/api/events");
		params.forEach((name, value) -> uri.queryParam(name, "{" + name + "}"));
		return uri.build(params);
	}

}
