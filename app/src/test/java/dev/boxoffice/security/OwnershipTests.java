package dev.boxoffice.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One account reaching for another's things: its hold (look, release, buy), its order
 * (look, cancel), its tickets and orders in lists, its notifications; an organizer
 * reaching for another's event. However the path is spelled, every attempt is refused as
 * if the thing did not exist (or, for a public event, as forbidden), and afterwards the
 * owner's hold, order and tickets are as they were.
 */
@IntegrationTest
@Tag("security")
class OwnershipTests {

	static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	Session organizer;

	Session owner;

	Session intruder;

	UUID event;

	Booking booking;

	@BeforeEach
	void twoBuyersAndAnEvent() {
		this.booking = new Booking(this.client);
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		this.owner = new Accounts(this.client).newUser();
		this.intruder = new Accounts(this.client).newUser();
		this.event = new Catalog(this.client).eventOnSale(this.organizer, "Lyon", 1, 10);
	}

	@Test
	void anotherAccountsHoldCannotBeSeenReleasedOrBought() {
		String hold = this.booking.holdSeats(this.owner.bearer(), this.event, "A-1-1", "A-1-2");
		for (int i = 0; i < 8; i++) {
			String path = Generated.percentSpelling("/api/holds/" + hold);
			int looked = send(HttpMethod.GET, path, this.intruder, null);
			int released = send(HttpMethod.DELETE, path, this.intruder, null);
			int bought = send(HttpMethod.POST, Generated.percentSpelling("/api/holds/" + hold + "/purchase"),
					this.intruder, "{\"paymentToken\":\"tok_ok\"}");
			assertThat(List.of(looked, released, bought)).as(path).containsExactly(404, 404, 409);
		}
		assertThat(send(HttpMethod.GET, "/api/holds/" + hold, this.owner, null)).isEqualTo(200);
		assertThat(Booking.feedOf(this.event, "A-1-1")).containsExactly("HELD");
		assertThat(this.booking.purchase(this.owner.bearer(), hold, "tok_ok", UUID.randomUUID().toString()).status())
			.as("the owner still buys it")
			.isEqualTo(201);
	}

	@Test
	void anotherAccountsOrderAndTicketsCannotBeSeenOrCancelled() {
		String hold = this.booking.holdSeats(this.owner.bearer(), this.event, "A-1-5");
		JsonNode order = this.booking.purchase(this.owner.bearer(), hold, "tok_ok", UUID.randomUUID().toString())
			.body();
		String orderId = order.path("orderId").asString();
		for (int i = 0; i < 8; i++) {
			String path = Generated.percentSpelling("/api/orders/" + orderId);
			assertThat(send(HttpMethod.GET, path, this.intruder, null)).as(path).isEqualTo(404);
			assertThat(send(HttpMethod.POST, path + "/cancel", this.intruder, null)).as(path).isEqualTo(404);
		}
		assertThat(list("/api/me/orders", this.intruder).path("items").size()).isZero();
		assertThat(list("/api/me/tickets", this.intruder).size()).isZero();
		assertThat(list("/api/orders/" + orderId, this.owner).path("status").asString()).isEqualTo("CONFIRMED");
		assertThat(list("/api/me/tickets", this.owner).size()).isEqualTo(1);
	}

	@Test
	void anotherAccountsNotificationsNeverReachOne() {
		Flux<ServerSentEvent<String>> theirs = this.client.get()
			.uri("/api/me/events/stream")
			.header("Authorization", this.intruder.bearer())
			.header("Last-Event-ID", "0-0")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SSE)
			.getResponseBody()
			.filter((sse) -> sse.event() != null);
		StepVerifier.create(theirs).then(() -> {
			String hold = this.booking.holdSeats(this.owner.bearer(), this.event, "A-1-7");
			this.booking.purchase(this.owner.bearer(), hold, "tok_ok", UUID.randomUUID().toString());
		}).expectNoEvent(Duration.ofSeconds(1)).thenCancel().verify(Duration.ofSeconds(10));
	}

	@Test
	void anotherOrganizersEventCannotBeChangedCancelledAuditedOrItsHistoryRead() {
		Session rival = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID draft = new Catalog(this.client).createEvent(this.organizer,
				Catalog.event(
						new Catalog(this.client).createVenue(this.organizer,
								Catalog.venue("Lyon", List.of(Catalog.section("A", 1000, 1, 2)))),
						"Draft " + UUID.randomUUID(), "music", 10));
		for (int i = 0; i < 4; i++) {
			String onSale = Generated.percentSpelling("/api/events/" + this.event);
			assertThat(send(HttpMethod.PATCH, onSale, rival, "{\"title\":\"Taken over\"}")).as(onSale).isEqualTo(403);
			assertThat(send(HttpMethod.POST, onSale + "/cancel", rival, null)).as(onSale).isEqualTo(403);
			String audit = Generated.percentSpelling("/api/admin/events/" + this.event + "/audit");
			assertThat(send(HttpMethod.GET, audit, rival, null)).as(audit).isEqualTo(403);
			String hidden = Generated.percentSpelling("/api/events/" + draft);
			assertThat(send(HttpMethod.GET, hidden, rival, null)).as(hidden).isEqualTo(404);
			assertThat(send(HttpMethod.POST, hidden + "/publish", rival, null)).as(hidden).isEqualTo(404);
			assertThat(send(HttpMethod.GET, onSale + "/history", rival, null)).as(onSale).isEqualTo(404);
			assertThat(send(HttpMethod.GET, hidden + "/history", rival, null)).as(hidden).isEqualTo(404);
		}
		// Only the organizer's own changes are in the history: its creation and
		// publication.
		assertThat(list("/api/events/" + this.event + "/history", this.organizer).path("items").size()).isEqualTo(2);
		JsonNode unchanged = list("/api/events/" + this.event, this.organizer);
		assertThat(unchanged.path("status").asString()).isEqualTo("ON_SALE");
		assertThat(unchanged.path("title").asString()).isNotEqualTo("Taken over");
		assertThat(list("/api/events/" + draft, this.organizer).path("status").asString()).isEqualTo("DRAFT");
	}

	private int send(HttpMethod method, String path, Session caller, String json) {
		WebTestClient.RequestBodySpec request = this.client.method(method)
			.uri(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", caller.bearer())
			.header("Idempotency-Key", UUID.randomUUID().toString());
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
		}
		return request.exchange().returnResult(String.class).getStatus().value();
	}

	private JsonNode list(String path, Session caller) {
		return this.client.get()
			.uri(path)
			.header("Authorization", caller.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

}
