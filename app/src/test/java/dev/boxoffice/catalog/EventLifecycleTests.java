package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Drafts, publishing, changes and cancellation, and who may do each. */
@IntegrationTest
class EventLifecycleTests {

	@Autowired
	WebTestClient client;

	Accounts accounts;

	Catalog catalog;

	Session owner;

	UUID venue;

	@BeforeEach
	void organizerWithVenue() {
		this.accounts = new Accounts(this.client);
		this.catalog = new Catalog(this.client);
		this.owner = this.accounts.newUserWithRoles("ORGANIZER");
		this.venue = this.catalog.createVenue(this.owner,
				Catalog.venue("Lyon", List.of(Catalog.section("A", 5000, 2, 5), Catalog.section("B", 2000, 1, 5))));
	}

	@Test
	void aNewEventIsADraftThatOnlyItsOrganizerAndAdminsSee() {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Draft Night", "music", 5));
		get(event, this.owner).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DRAFT");
		get(event, this.accounts.admin()).expectStatus().isOk();
		get(event, this.accounts.newUserWithRoles("ORGANIZER")).expectStatus().isNotFound();
		get(event, this.accounts.newUser()).expectStatus().isNotFound();
		this.client.get().uri("/api/events/{id}", event).exchange().expectStatus().isNotFound();
		this.client.get().uri("/api/events/{id}/seats", event).exchange().expectStatus().isNotFound();
	}

	@Test
	void publishingPutsEveryVenueSeatOnSaleAtItsPrice() {
		Map<String, Object> body = Catalog.event(this.venue, "Opening", "music", 5);
		body.put("prices", Map.of("B", 2500));
		UUID event = this.catalog.createEvent(this.owner, body);
		this.catalog.publish(this.owner, event);
		this.client.get()
			.uri("/api/events/{id}", event)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("ON_SALE")
			.jsonPath("$.counts.capacity")
			.isEqualTo(15)
			.jsonPath("$.counts.available")
			.isEqualTo(15)
			.jsonPath("$.counts.held")
			.isEqualTo(0)
			.jsonPath("$.counts.sold")
			.isEqualTo(0);
		this.client.get()
			.uri("/api/events/{id}/seats", event)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(15)
			.jsonPath("$[0].id")
			.isEqualTo("A-1-1")
			.jsonPath("$[0].priceCents")
			.isEqualTo(5000)
			.jsonPath("$[?(@.section == 'B')].priceCents")
			.value((List<Integer> prices) -> assertThat(prices).containsOnly(2500))
			.jsonPath("$[*].status")
			.value((List<String> statuses) -> assertThat(statuses).containsOnly("AVAILABLE"));
	}

	@Test
	void onlyTheOwnerOrAnAdminChangesAPublishedEvent() {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Shared", "comedy", 5));
		this.catalog.publish(this.owner, event);
		patch(event, this.accounts.newUserWithRoles("ORGANIZER"), Map.of("title", "Stolen")).expectStatus()
			.isForbidden();
		patch(event, this.accounts.newUser(), Map.of("title", "Stolen")).expectStatus().isForbidden();
		patch(event, this.owner, Map.of("title", "Renamed")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Renamed");
		patch(event, this.accounts.admin(), Map.of("category", "theatre")).expectStatus().isOk();
		this.client.post()
			.uri("/api/events/{id}/cancel", event)
			.header("Authorization", this.accounts.newUserWithRoles("ORGANIZER").bearer())
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void someoneElsesDraftCannotBePublished() {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Mine", "music", 5));
		this.client.post()
			.uri("/api/events/{id}/publish", event)
			.header("Authorization", this.accounts.newUserWithRoles("ORGANIZER").bearer())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void publishingTwiceAndCancellingTwiceAreConflicts() {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Twice", "music", 5));
		this.catalog.publish(this.owner, event);
		this.client.post()
			.uri("/api/events/{id}/publish", event)
			.header("Authorization", this.owner.bearer())
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:event-status")
			// The event's status is a member of its own: "status" is the HTTP status.
			.jsonPath("$.status")
			.isEqualTo(409)
			.jsonPath("$.eventStatus")
			.isEqualTo("ON_SALE");
		cancel(event).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		cancel(event).expectStatus().isEqualTo(409);
	}

	@Test
	void timesAndPricesAreValidated() {
		Map<String, Object> past = Catalog.event(this.venue, "Past", "music", -1);
		expectInvalid(past, "startsAt");
		Map<String, Object> backwards = Catalog.event(this.venue, "Backwards", "music", 5);
		backwards.put("endsAt", Instant.parse((String) backwards.get("startsAt")).minusSeconds(60).toString());
		expectInvalid(backwards, "endsAt");
		Map<String, Object> unknownSection = Catalog.event(this.venue, "Prices", "music", 5);
		unknownSection.put("prices", Map.of("Z", 100));
		expectInvalid(unknownSection, "prices.Z");
		Map<String, Object> badFields = Catalog.event(this.venue, " ", "Not A Category", 5);
		badFields.put("currency", "euro");
		this.client.post()
			.uri("/api/events")
			.header("Authorization", this.owner.bearer())
			.bodyValue(badFields)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((List<String> fields) -> assertThat(fields).contains("title", "category", "currency"));
	}

	@Test
	void eventsGoOnlyInTheOrganizersOwnVenues() {
		Session other = this.accounts.newUserWithRoles("ORGANIZER");
		this.client.post()
			.uri("/api/events")
			.header("Authorization", other.bearer())
			.bodyValue(Catalog.event(this.venue, "Squatter", "music", 5))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void concurrentPublishesPublishOnceAndTheOthersAre409() throws Exception {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Race", "music", 5));
		List<CompletableFuture<Integer>> publishes = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			publishes.add(CompletableFuture.supplyAsync(() -> this.client.post()
				.uri("/api/events/{id}/publish", event)
				.header("Authorization", this.owner.bearer())
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value()));
		}
		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<Integer> publish : publishes) {
			statuses.add(publish.get());
		}
		assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
		this.client.get()
			.uri("/api/events/{id}", event)
			.exchange()
			.expectBody()
			.jsonPath("$.counts.capacity")
			.isEqualTo(15);
	}

	@Test
	void aDraftIsNotCancelledAndStaysPrivate() {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Secret", "music", 5));
		cancel(event).expectStatus().isEqualTo(409);
		this.client.get().uri("/api/events/{id}", event).exchange().expectStatus().isNotFound();
	}

	@Test
	void patchesAreValidated() {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Patchy", "music", 5));
		patch(event, this.owner, Map.of("title", "   ")).expectStatus().isBadRequest();
		patch(event, this.owner, Map.of("endsAt", "2020-01-01T00:00:00Z")).expectStatus().isBadRequest();
		patch(event, this.owner, Map.of("startsAt", "+100000-01-01T00:00:00Z")).expectStatus().isBadRequest();
	}

	@Test
	void textThatCannotBeStoredIsABadRequest() {
		Map<String, Object> body = Catalog.event(this.venue, "Nul\u0000Title", "music", 5);
		this.client.post()
			.uri("/api/events")
			.header("Authorization", this.owner.bearer())
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.get()
			.uri((uri) -> uri.path("/api/events").queryParam("city", "{city}").build("Ly\u0000on"))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private WebTestClient.ResponseSpec get(UUID event, Session as) {
		return this.client.get().uri("/api/events/{id}", event).header("Authorization", as.bearer()).exchange();
	}

	private WebTestClient.ResponseSpec patch(UUID event, Session as, Map<String, Object> changes) {
		return this.client.patch()
			.uri("/api/events/{id}", event)
			.header("Authorization", as.bearer())
			.bodyValue(changes)
			.exchange();
	}

	private WebTestClient.ResponseSpec cancel(UUID event) {
		return this.client.post()
			.uri("/api/events/{id}/cancel", event)
			.header("Authorization", this.owner.bearer())
			.exchange();
	}

	private void expectInvalid(Map<String, Object> event, String field) {
		this.client.post()
			.uri("/api/events")
			.header("Authorization", this.owner.bearer())
			.bodyValue(event)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((List<String> fields) -> assertThat(fields).contains(field));
	}

}
