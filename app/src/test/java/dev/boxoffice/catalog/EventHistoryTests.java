package dev.boxoffice.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every change to an event in its history, written with the change; PATCH with If-Match;
 * ticket holders told when their event moves.
 */
@IntegrationTest
class EventHistoryTests {

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
				Catalog.venue("Nantes", List.of(Catalog.section("A", 5000, 1, 10))));
	}

	@Test
	void creationEachChangePublicationAndCancellationAreRecordedNewestFirst() {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "First Title", "music", 6));
		Session admin = this.accounts.admin();
		JsonNode before = event(event, this.owner);
		Instant newStart = Instant.parse(before.path("startsAt").asString()).plus(Duration.ofDays(1));
		Instant newEnd = newStart.plus(Duration.ofHours(3));
		patch(event, admin, null,
				Map.of("title", "Second Title", "startsAt", newStart.toString(), "endsAt", newEnd.toString()))
			.expectStatus()
			.isOk();
		this.catalog.publish(this.owner, event);
		this.client.post()
			.uri("/api/events/{id}/cancel", event)
			.header("Authorization", this.owner.bearer())
			.exchange()
			.expectStatus()
			.isOk();

		JsonNode history = history(event, this.owner, "");
		List<JsonNode> items = history.path("items").valueStream().toList();
		assertThat(items).extracting((item) -> item.path("kind").asString())
			.containsExactly("CANCELLED", "PUBLISHED", "UPDATED", "CREATED");
		assertThat(items).extracting((item) -> item.path("version").asLong()).containsExactly(3L, 2L, 1L, 0L);
		assertThat(history.has("nextCursor")).isFalse();

		JsonNode updated = items.get(2);
		assertThat(updated.path("actorId").asString()).isEqualTo(admin.userId().toString());
		assertThat(updated.path("fields").valueStream().map(JsonNode::asString)).containsExactly("title", "startsAt",
				"endsAt");
		assertThat(updated.path("before").path("title").asString()).isEqualTo("First Title");
		assertThat(updated.path("after").path("title").asString()).isEqualTo("Second Title");
		assertThat(updated.path("before").path("startsAt").asString()).isEqualTo(before.path("startsAt").asString());
		assertThat(updated.path("after").path("startsAt").asString()).isEqualTo(newStart.toString());
		assertThat(updated.path("before").has("category")).isFalse();

		JsonNode created = items.get(3);
		assertThat(created.path("actorId").asString()).isEqualTo(this.owner.userId().toString());
		assertThat(created.path("before").isEmpty()).isTrue();
		assertThat(created.path("after").path("title").asString()).isEqualTo("First Title");
		assertThat(created.path("after").path("status").asString()).isEqualTo("DRAFT");

		JsonNode published = items.get(1);
		assertThat(published.path("fields").valueStream().map(JsonNode::asString)).containsExactly("status",
				"capacity");
		assertThat(published.path("before").path("status").asString()).isEqualTo("DRAFT");
		assertThat(published.path("after").path("status").asString()).isEqualTo("ON_SALE");
		assertThat(published.path("after").path("capacity").asLong()).isEqualTo(10);
		assertThat(items.get(0).path("after").path("status").asString()).isEqualTo("CANCELLED");
		assertThat(Instant.parse(items.get(0).path("changedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(items.get(1).path("changedAt").asString()));
		assertThat(event(event, this.owner).path("version").asLong()).isEqualTo(3);
	}

	@Test
	void theHistoryPagesWithACursorUntilItsEnd() {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Paged", "music", 6));
		for (int i = 1; i <= 4; i++) {
			patch(event, this.owner, null, Map.of("title", "Paged " + i)).expectStatus().isOk();
		}
		List<Long> versions = new ArrayList<>();
		String cursor = "";
		int pages = 0;
		do {
			JsonNode page = history(event, this.owner, "limit=2" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
			page.path("items").forEach((item) -> versions.add(item.path("version").asLong()));
			cursor = page.has("nextCursor") ? page.path("nextCursor").asString() : "";
			pages++;
		}
		while (!cursor.isEmpty());
		assertThat(versions).containsExactly(4L, 3L, 2L, 1L, 0L);
		assertThat(pages).isEqualTo(3);
		this.client.get()
			.uri("/api/events/{id}/history?cursor=bogus", event)
			.header("Authorization", this.owner.bearer())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("cursor");
	}

	@Test
	void onlyTheOrganizerAndAdminsReadTheHistory() {
		UUID event = this.catalog.eventOnSale(this.owner, "Nantes", 1, 2);
		historyAnswer(event, this.accounts.admin()).expectStatus().isOk();
		historyAnswer(event, this.accounts.newUserWithRoles("ORGANIZER")).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:event-not-found");
		historyAnswer(event, this.accounts.newUser()).expectStatus().isForbidden();
		this.client.get().uri("/api/events/{id}/history", event).exchange().expectStatus().isUnauthorized();
		historyAnswer(UUID.randomUUID(), this.owner).expectStatus().isNotFound();
	}

	@Test
	void theEventCarriesItsVersionAndAStaleIfMatchChangesNothing() throws Exception {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Tagged", "music", 6));
		this.client.get()
			.uri("/api/events/{id}", event)
			.header("Authorization", this.owner.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"0\"")
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(0);
		patch(event, this.owner, "\"0\"", Map.of("title", "Tagged Again")).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"1\"")
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(1);

		patch(event, this.owner, "\"0\"", Map.of("title", "Lost Edit")).expectStatus()
			.isEqualTo(412)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:event-version-mismatch")
			.jsonPath("$.currentVersion")
			.isEqualTo(1);
		assertThat(event(event, this.owner).path("title").asString()).isEqualTo("Tagged Again");
		assertThat(Booking.scalar("SELECT count(*) FROM event_history WHERE event_id = ?", event)).isEqualTo(2L);
		patch(event, this.owner, "W/\"1\"", Map.of("title", "Weak")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("If-Match");
	}

	@Test
	void ofTwentyRacingChangesFromOneVersionExactlyOneIsMade() throws Exception {
		UUID event = this.catalog.eventOnSale(this.owner, "Nantes", 1, 2);
		long version = event(event, this.owner).path("version").asLong();
		List<CompletableFuture<Integer>> patches = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String title = "Racer " + i;
			patches.add(CompletableFuture
				.supplyAsync(() -> patch(event, this.owner, "\"" + version + "\"", Map.of("title", title))
					.returnResult(String.class)
					.getStatus()
					.value()));
		}
		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<Integer> patch : patches) {
			statuses.add(patch.get());
		}
		assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 412);
		assertThat(Booking.scalar("SELECT version FROM events WHERE id = ?", event)).isEqualTo(version + 1);
		assertThat(Booking.scalar("SELECT count(*) FROM event_history WHERE event_id = ? AND kind = 'UPDATED'", event))
			.isEqualTo(1L);
		assertThat(Booking.scalar("SELECT after->>'title' FROM event_history WHERE event_id = ? AND version = ?", event,
				version + 1))
			.isEqualTo(Booking.scalar("SELECT title FROM events WHERE id = ?", event));
	}

	@Test
	void racingChangesWithoutIfMatchAreAllMadeOneAfterTheOtherWithAnExactHistory() throws Exception {
		UUID event = this.catalog.eventOnSale(this.owner, "Nantes", 1, 2);
		long version = event(event, this.owner).path("version").asLong();
		List<CompletableFuture<Integer>> patches = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String title = "Unchecked " + i;
			patches.add(CompletableFuture
				.supplyAsync(() -> patch(event, this.owner, null, Map.of("title", title)).returnResult(String.class)
					.getStatus()
					.value()));
		}
		for (CompletableFuture<Integer> patch : patches) {
			assertThat(patch.get()).isEqualTo(200);
		}
		assertThat(Booking.scalar("SELECT version FROM events WHERE id = ?", event)).isEqualTo(version + 10);
		// Each change starts from what the last one that set the title left: none was
		// made on a stale read.
		assertThat(Booking.scalar("""
				SELECT count(*) FROM event_history h
				WHERE h.event_id = ? AND h.kind = 'UPDATED'
				  AND h.before->>'title' = (SELECT p.after->>'title' FROM event_history p
				      WHERE p.event_id = h.event_id AND p.version < h.version AND p.after->>'title' IS NOT NULL
				      ORDER BY p.version DESC LIMIT 1)
				""", event)).isEqualTo(10L);
	}

	@Test
	void aChangeThatChangesNothingWithTheCurrentVersionAnswersTheEventAsItIs() {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Same", "music", 6));
		patch(event, this.owner, "\"0\"", Map.of("title", "Same")).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"0\"");
		assertThat(history(event, this.owner, "").path("items").size()).isEqualTo(1);
	}

	@Test
	void aChangeWhoseHistoryCannotBeWrittenIsNotMade() throws Exception {
		UUID event = this.catalog.createEvent(this.owner, Catalog.event(this.venue, "Unchanged", "music", 6));
		// The entry the next change would write is taken: its INSERT fails.
		try (Connection db = TestServices.get().jdbc(); PreparedStatement insert = db.prepareStatement("""
				INSERT INTO event_history (event_id, version, kind, actor_id, fields, before, after)
				VALUES (?, 1, 'UPDATED', ?, '{}', '{}', '{}')
				""")) {
			insert.setObject(1, event);
			insert.setObject(2, this.owner.userId());
			insert.executeUpdate();
		}
		patch(event, this.owner, null, Map.of("title", "Changed")).expectStatus().is5xxServerError();
		assertThat(Booking.scalar("SELECT title FROM events WHERE id = ?", event)).isEqualTo("Unchanged");
		assertThat(Booking.scalar("SELECT version FROM events WHERE id = ?", event)).isEqualTo(0L);
	}

	@Test
	void aNewDateIsToldToEveryTicketHolderAndToNobodyElse() throws Exception {
		UUID event = this.catalog.eventOnSale(this.owner, "Nantes", 1, 4);
		Booking booking = new Booking(this.client);
		Session holder = this.accounts.newUser();
		Session holdsOnly = this.accounts.newUser();
		String hold = booking.holdSeats(holder.bearer(), event, "A-1-1", "A-1-2");
		assertThat(booking.purchase(holder.bearer(), hold, "tok_ok", UUID.randomUUID().toString()).status())
			.isEqualTo(201);
		booking.holdSeats(holdsOnly.bearer(), event, "A-1-3");

		patch(event, this.owner, null, Map.of("title", "Only A New Title")).expectStatus().isOk();
		assertThat(notices(holder)).isEmpty();

		JsonNode before = event(event, this.owner);
		Instant newStart = Instant.parse(before.path("startsAt").asString()).plus(Duration.ofDays(2));
		patch(event, this.owner, null,
				Map.of("startsAt", newStart.toString(), "endsAt", newStart.plus(Duration.ofHours(2)).toString()))
			.expectStatus()
			.isOk();

		assertThat(notices(holder)).singleElement().satisfies((notice) -> {
			assertThat(notice).containsEntry("eventId", event.toString())
				.containsEntry("fields", "startsAt,endsAt")
				.containsEntry("before.startsAt", before.path("startsAt").asString())
				.containsEntry("after.startsAt", newStart.toString())
				.containsEntry("before.endsAt", before.path("endsAt").asString())
				.containsEntry("after.endsAt", newStart.plus(Duration.ofHours(2)).toString());
		});
		assertThat(notices(holdsOnly)).isEmpty();
	}

	private static List<Map<String, String>> notices(Session user) {
		String notes = TestServices.get().keyPrefix() + "notes:{u:" + user.userId() + "}";
		return TestServices.get()
			.redis((redis) -> redis.xrange(notes, io.lettuce.core.Range.unbounded()))
			.stream()
			.map((entry) -> entry.getBody())
			.filter((body) -> "event-changed".equals(body.get("type")))
			.toList();
	}

	private JsonNode event(UUID event, Session caller) {
		return this.client.get()
			.uri("/api/events/{id}", event)
			.header("Authorization", caller.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec patch(UUID event, Session caller, String ifMatch, Map<String, Object> body) {
		WebTestClient.RequestBodySpec request = this.client.patch()
			.uri("/api/events/{id}", event)
			.header("Authorization", caller.bearer());
		if (ifMatch != null) {
			request = request.header("If-Match", ifMatch);
		}
		return request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private WebTestClient.ResponseSpec historyAnswer(UUID event, Session caller) {
		return this.client.get()
			.uri("/api/events/{id}/history", event)
			.header("Authorization", caller.bearer())
			.exchange();
	}

	private JsonNode history(UUID event, Session caller, String query) {
		EntityExchangeResult<JsonNode> result = this.client.get()
			.uri("/api/events/" + event + "/history" + (query.isEmpty() ? "" : "?" + query))
			.header("Authorization", caller.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult();
		return result.getResponseBody();
	}

}
