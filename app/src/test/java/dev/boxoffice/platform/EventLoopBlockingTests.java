package dev.boxoffice.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.boxoffice.platform.error.ProblemProbe;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.IsolatedJvm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BlockHound watches every non-blocking thread (Reactor's schedulers, Netty's event
 * loops) while real requests go through the whole stack; any blocking call fails the
 * test.
 */
@IntegrationTest
@IsolatedJvm
@Import(ProblemProbe.class)
class EventLoopBlockingTests {

	static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	static {
		BlockHound.builder()
			.loadIntegrations()
			// Lettuce serializes writers to a connection with a brief internal lock; when
			// two threads write at the same instant, one parks for the other's few
			// microseconds. That is the library's own design, not a blocking call of
			// ours.
			.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters")
			.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters")
			.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive")
			.blockingMethodCallback((method) -> blockingCalls
				.add(method + " on " + Thread.currentThread().getName() + "\n" + stackOf(new Throwable())))
			.install();
	}

	@Autowired
	WebTestClient client;

	@BeforeEach
	void forgetEarlierCalls() {
		blockingCalls.clear();
	}

	@Test
	void blockHoundCatchesABlockingCallOnANonBlockingThread() {
		Mono.fromRunnable(EventLoopBlockingTests::sleepBriefly).subscribeOn(Schedulers.parallel()).block();
		assertThat(blockingCalls).anySatisfy((call) -> assertThat(call).contains("sleep"));
	}

	@Test
	void accountsAndSessionsNeverBlockAnEventLoop() {
		Accounts accounts = new Accounts(this.client);
		for (int round = 0; round < 3; round++) {
			Session session = accounts.newUser();
			JsonNode next = this.client.post()
				.uri("/api/auth/refresh")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("refreshToken", session.refreshToken()))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			this.client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
			this.client.put()
				.uri("/api/admin/users/{id}/roles", session.userId())
				.header("Authorization", accounts.admin().bearer())
				.bodyValue(Map.of("roles", List.of("ORGANIZER")))
				.exchange()
				.expectStatus()
				.isOk();
			this.client.post()
				.uri("/api/auth/logout")
				.header("Authorization", "Bearer " + next.path("accessToken").asString())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("refreshToken", next.path("refreshToken").asString()))
				.exchange()
				.expectStatus()
				.isNoContent();
		}
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void catalogAndInventoryNeverBlockAnEventLoop() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		Catalog catalog = new Catalog(this.client);
		for (int round = 0; round < 2; round++) {
			UUID event = catalog.eventOnSale(organizer, "Lyon", 5, 20);
			this.client.get().uri("/api/events?city=Lyon&q=show&limit=5").exchange().expectStatus().isOk();
			this.client.get().uri("/api/events/{id}", event).exchange().expectStatus().isOk();
			this.client.get().uri("/api/events/{id}/seats", event).exchange().expectStatus().isOk();
			this.client.patch()
				.uri("/api/events/{id}", event)
				.header("Authorization", organizer.bearer())
				.bodyValue(Map.of("title", "Renamed"))
				.exchange()
				.expectStatus()
				.isOk();
			this.client.patch()
				.uri("/api/events/{id}", event)
				.header("Authorization", organizer.bearer())
				.header("If-Match", "\"0\"")
				.bodyValue(Map.of("title", "Stale"))
				.exchange()
				.expectStatus()
				.isEqualTo(412);
			Instant later = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(20));
			this.client.patch()
				.uri("/api/events/{id}", event)
				.header("Authorization", organizer.bearer())
				.bodyValue(Map.of("startsAt", later.toString(), "endsAt", later.plus(Duration.ofHours(2)).toString()))
				.exchange()
				.expectStatus()
				.isOk();
			this.client.get()
				.uri("/api/events/{id}/history?limit=2", event)
				.header("Authorization", organizer.bearer())
				.exchange()
				.expectStatus()
				.isOk();
		}
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void holdsPurchasesAndCancellationsNeverBlockAnEventLoop() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		Session buyer = new Accounts(this.client).newUser();
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 2, 10);
		Booking booking = new Booking(this.client);
		for (String token : List.of("tok_ok", "tok_decline", "tok_capture_fails")) {
			String hold = booking.holdSeats(buyer.bearer(), event, "A-1-" + (token.length() % 10 + 1));
			booking.purchase(buyer.bearer(), hold, token, UUID.randomUUID().toString());
		}
		booking.hold(buyer.bearer(), event, Map.of("section", "A", "quantity", 2));
		this.client.get()
			.uri("/api/events/{id}/seats/stream", event)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.take(1)
			.blockLast(Duration.ofSeconds(10));
		for (String page : List.of("/", "/events/" + event, "/event.js", "/event-places.js", "/index.js", "/app.css",
				"/signin", "/organizer", "/api.js")) {
			this.client.get().uri(page).exchange().expectStatus().isOk();
		}
		String order = this.client.get()
			.uri("/api/me/orders")
			.header("Authorization", buyer.bearer())
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("items")
			.get(0)
			.path("orderId")
			.asString();
		this.client.post().uri("/api/orders/{id}/cancel", order).header("Authorization", buyer.bearer()).exchange();
		this.client.get()
			.uri("/api/me/tickets")
			.header("Authorization", buyer.bearer())
			.exchange()
			.expectStatus()
			.isOk();
		booking.audit(organizer.bearer(), event);
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void theWaitlistNeverBlocksAnEventLoop() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		Session buyer = new Accounts(this.client).newUser();
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 2);
		new Booking(this.client).holdSeats(new Accounts(this.client).newUser().bearer(), event, "A-1-1", "A-1-2");
		for (Map<String, Object> join : List.<Map<String, Object>>of(Map.of("quantity", 1),
				Map.of("quantity", 1, "section", "A"))) {
			String entry = this.client.post()
				.uri("/api/events/{id}/waitlist", event)
				.header("Authorization", buyer.bearer())
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.bodyValue(join)
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody()
				.path("entryId")
				.asString();
			this.client.get()
				.uri("/api/events/{id}/waitlist/me", event)
				.header("Authorization", buyer.bearer())
				.exchange()
				.expectStatus()
				.isOk();
			this.client.patch()
				.uri("/api/events/{id}/waitlist/{entry}", event, entry)
				.header("Authorization", organizer.bearer())
				.bodyValue(Map.of("tier", "PRIORITY", "reason", "press"))
				.exchange()
				.expectStatus()
				.isOk();
			this.client.get()
				.uri("/api/events/{id}/waitlist?limit=1", event)
				.header("Authorization", organizer.bearer())
				.exchange()
				.expectStatus()
				.isOk();
			this.client.delete()
				.uri("/api/events/{id}/waitlist/me", event)
				.header("Authorization", buyer.bearer())
				.exchange()
				.expectStatus()
				.isNoContent();
		}
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void servingRequestsNeverBlocksAnEventLoop() {
		for (int round = 0; round < 3; round++) {
			this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
			this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
			// (The Prometheus scrape is left out: Spring Boot runs it on a
			// blocking-allowed
			// scheduler by design, and under BlockHound's instrumentation it once
			// stalled.)
			this.client.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
			this.client.get().uri("/api/anything").exchange().expectStatus().isUnauthorized();
			this.client.get().uri("/probe/log").exchange().expectStatus().isOk();
			this.client.get().uri("/probe/conflict").exchange().expectStatus().isEqualTo(409);
			this.client.get().uri("/probe/crash").exchange().expectStatus().is5xxServerError();
			this.client.post()
				.uri("/probe/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("name", "", "quantity", 0))
				.exchange()
				.expectStatus()
				.isBadRequest();
			this.client.post()
				.uri("/probe/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{oops")
				.exchange()
				.expectStatus()
				.isBadRequest();
		}
		assertThat(blockingCalls).isEmpty();
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(Duration.ofMillis(1).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String stackOf(Throwable trace) {
		StringBuilder out = new StringBuilder();
		for (StackTraceElement element : trace.getStackTrace()) {
			out.append("\tat ").append(element).append('\n');
		}
		return out.toString();
	}

}
