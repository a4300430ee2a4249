package dev.boxoffice.booking;

import java.util.List;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Buying a hold, and every way a payment can fail, checked in PostgreSQL and Redis. */
@IntegrationTest
class PurchaseTests {

	@Autowired
	WebTestClient client;

	@Autowired
	TicketCodes codes;

	Booking booking;

	Session organizer;

	Session buyer;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		this.booking = new Booking(this.client);
		Accounts accounts = new Accounts(this.client);
		this.organizer = accounts.newUserWithRoles("ORGANIZER");
		this.buyer = accounts.newUser();
		this.event = new Catalog(this.client).eventOnSale(this.organizer, "Lyon", 2, 10);
	}

	@Test
	void aPaidHoldBecomesAConfirmedOrderWithTickets() throws Exception {
		String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-2", "A-1-1");
		String key = UUID.randomUUID().toString();
		Answer bought = this.booking.purchase(this.buyer.bearer(), hold, "tok_ok", key);
		assertThat(bought.status()).isEqualTo(201);
		JsonNode order = bought.body();
		// The sale recorded the provider's payment, and the confirmation kept the answer
		// for the key.
		UUID orderId = UUID.fromString(order.path("orderId").asString());
		assertThat(Booking.scalar("SELECT payment_id FROM orders WHERE id = ?", orderId))
			.isEqualTo(Booking.scalar("SELECT id FROM simulated_payments WHERE order_id = ?", orderId));
		assertThat(Booking.scalar("SELECT status || ' ' || response_status FROM idempotency_keys WHERE key = ?", key))
			.isEqualTo("DONE 201");
		assertThat(JsonMapper.shared()
			.readTree((String) Booking.scalar("SELECT response_body FROM idempotency_keys WHERE key = ?", key)))
			.isEqualTo(order);
		assertThat(order.path("status").asString()).isEqualTo("CONFIRMED");
		assertThat(order.path("totalCents").asLong()).isEqualTo(10000);
		assertThat(order.path("tickets")).hasSize(2)
			.allSatisfy((ticket) -> assertThat(
					this.codes.verify(ticket.path("code").asString(), this.event, ticket.path("seatId").asString()))
				.isTrue());
		assertThat(this.codes.verify(order.path("tickets").get(0).path("code").asString(), this.event, "A-1-9"))
			.isFalse();

		assertThat(Booking.seatStates(this.event, "A-1-1", "A-1-2")).containsValues("SOLD/1", "SOLD/1");
		assertThat(Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?",
				UUID.fromString(order.path("orderId").asString())))
			.isEqualTo("CAPTURED");
		Long seatKeys = TestServices.get()
			.redis((redis) -> redis.exists(Booking.eventKey(this.event, "seat:A-1-1"),
					Booking.eventKey(this.event, "seat:A-1-2")));
		assertThat(seatKeys).isZero();
		Boolean markedSold = TestServices.get()
			.redis((redis) -> redis.sismember(Booking.eventKey(this.event, "sold"), "A-1-1"));
		assertThat(markedSold).isTrue();
		assertThat(Booking.feedOf(this.event, "A-1-1")).containsExactly("HELD", "SOLD");
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();

		this.client.get()
			.uri("/api/me/tickets")
			.header("Authorization", this.buyer.bearer())
			.exchange()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2);
		this.client.get()
			.uri("/api/me/orders")
			.header("Authorization", this.buyer.bearer())
			.exchange()
			.expectBody()
			.jsonPath("$.items[0].orderId")
			.isEqualTo(order.path("orderId").asString());
		// The answer is made from what the purchase wrote; it is what reading the order
		// gives.
		this.client.get()
			.uri("/api/orders/{id}", order.path("orderId").asString())
			.header("Authorization", this.buyer.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json(order.toString(), JsonCompareMode.STRICT);
		this.client.get()
			.uri("/api/orders/{id}", order.path("orderId").asString())
			.header("Authorization", new Accounts(this.client).newUser().bearer())
			.exchange()
			.expectStatus()
			.isNotFound();
		// Sold seats cannot be held again.
		assertThat(this.booking.hold(this.buyer.bearer(), this.event, java.util.Map.of("seatIds", List.of("A-1-1")))
			.status()).isEqualTo(409);
	}

	@Test
	void aBuyersOrdersPageNewestFirstThroughTheirCursors() throws Exception {
		List<String> bought = new java.util.ArrayList<>();
		for (String seat : List.of("A-1-1", "A-1-2", "A-1-3")) {
			String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, seat);
			Answer order = this.booking.purchase(this.buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString());
			assertThat(order.status()).isEqualTo(201);
			bought.add(0, order.body().path("orderId").asString());
		}
		List<String> paged = new java.util.ArrayList<>();
		String uri = "/api/me/orders?limit=1";
		for (int page = 0; page < 5 && uri != null; page++) {
			JsonNode body = this.client.get()
				.uri(uri)
				.header("Authorization", this.buyer.bearer())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			assertThat(body.path("items")).hasSizeLessThanOrEqualTo(1);
			body.path("items").forEach((item) -> paged.add(item.path("orderId").asString()));
			uri = body.hasNonNull("nextCursor") ? "/api/me/orders?limit=1&cursor=" + body.path("nextCursor").asString()
					: null;
		}
		assertThat(paged).containsExactlyElementsOf(bought);
	}

	@Test
	void aDeclinedCardFailsTheOrderAndFreesTheSeats() throws Exception {
		expectFailure("tok_decline", 402, "urn:boxoffice:problem:payment-declined", List.of("NONE"), "AVAILABLE/0",
				List.of("HELD", "AVAILABLE"));
	}

	@Test
	void aProviderTimeoutVoidsTheAuthorizationAndFreesTheSeats() throws Exception {
		expectFailure("tok_timeout", 504, "urn:boxoffice:problem:payment-unavailable", List.of("VOIDED"), "AVAILABLE/0",
				List.of("HELD", "AVAILABLE"));
	}

	@Test
	void aFailedCaptureReturnsTheSeatsAndVoidsTheTickets() throws Exception {
		// Sold at the commit, then returned when the capture failed: the feed says both.
		expectFailure("tok_capture_fails", 402, "urn:boxoffice:problem:payment-declined", List.of("VOIDED"),
				"AVAILABLE/2", List.of("HELD", "SOLD", "AVAILABLE"));
		assertThat(Booking.scalar("SELECT count(*) FROM tickets WHERE event_id = ? AND status = 'VALID'", this.event))
			.isEqualTo(0L);
		assertThat(Booking.scalar("SELECT count(*) FROM tickets WHERE event_id = ? AND status = 'VOID'", this.event))
			.isEqualTo(2L);
	}

	@Test
	void theSameKeyAndBodyReplayTheFirstAnswerAndAnotherBodyIs422() throws Exception {
		String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-2-1");
		String key = UUID.randomUUID().toString();
		Answer first = this.booking.purchase(this.buyer.bearer(), hold, "tok_ok", key);
		Answer again = this.booking.purchase(this.buyer.bearer(), hold, "tok_ok", key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(Booking.scalar("SELECT count(*) FROM orders WHERE event_id = ?", this.event)).isEqualTo(1L);
		Answer other = this.booking.purchase(this.buyer.bearer(), hold, "tok_decline", key);
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:idempotency-key-reused");
		// A failure is replayed too.
		String hold2 = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-2-2");
		String key2 = UUID.randomUUID().toString();
		assertThat(this.booking.purchase(this.buyer.bearer(), hold2, "tok_decline", key2).status()).isEqualTo(402);
		assertThat(this.booking.purchase(this.buyer.bearer(), hold2, "tok_decline", key2).status()).isEqualTo(402);
		assertThat(Booking.scalar("SELECT count(*) FROM orders WHERE event_id = ?", this.event)).isEqualTo(2L);
	}

	@Test
	void aPurchaseNeedsAKeyAndTheBuyersOwnHold() {
		String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-2-5");
		this.client.post()
			.uri("/api/holds/{id}/purchase", hold)
			.header("Authorization", this.buyer.bearer())
			.bodyValue(java.util.Map.of("paymentToken", "tok_ok"))
			.exchange()
			.expectStatus()
			.isBadRequest();
		Answer stranger = this.booking.purchase(new Accounts(this.client).newUser().bearer(), hold, "tok_ok", "k1");
		assertThat(stranger.status()).isEqualTo(409);
		assertThat(stranger.body().path("type").asString()).isEqualTo("urn:boxoffice:problem:hold-unavailable");
	}

	@Test
	void aPaymentTokenThatIsMissingBlankOrNotTextIsRefusedBeforeAnythingIsCharged() throws Exception {
		String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-2-7");
		for (String body : List.of("{}", "{\"paymentToken\":\" \"}", "{\"paymentToken\":null}")) {
			purchaseWith(hold, body).expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:boxoffice:problem:validation")
				.jsonPath("$.errors[0].field")
				.isEqualTo("paymentToken");
		}
		for (String body : List.of("{\"paymentToken\":5}", "{\"paymentToken\":true}",
				"{\"paymentToken\":[\"tok_ok\"]}")) {
			purchaseWith(hold, body).expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:boxoffice:problem:malformed-request")
				.jsonPath("$.detail")
				.value((detail) -> assertThat(detail.toString()).as(body).contains("at paymentToken"));
		}
		assertThat(Booking.scalar("SELECT count(*) FROM orders WHERE event_id = ?", this.event)).isEqualTo(0L);
		this.client.get()
			.uri("/api/holds/{id}", hold)
			.header("Authorization", this.buyer.bearer())
			.exchange()
			.expectStatus()
			.isOk();
	}

	private WebTestClient.ResponseSpec purchaseWith(String hold, String body) {
		return this.client.post()
			.uri("/api/holds/{id}/purchase", hold)
			.header("Authorization", this.buyer.bearer())
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private void expectFailure(String token, int status, String type, List<String> payment, String seatState,
			List<String> feed) throws Exception {
		String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-5", "A-1-6");
		Answer failed = this.booking.purchase(this.buyer.bearer(), hold, token, UUID.randomUUID().toString());
		assertThat(failed.status()).isEqualTo(status);
		assertThat(failed.body().path("type").asString()).isEqualTo(type);
		UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", this.event);
		assertThat(Booking.scalar("SELECT status FROM orders WHERE id = ?", order)).isEqualTo("FAILED");
		assertThat((String) Booking.scalar("SELECT failure_reason FROM orders WHERE id = ?", order)).isNotBlank();
		Object paid = Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", order);
		assertThat(paid == null ? "NONE" : paid).isIn(payment);
		assertThat(Booking.seatStates(this.event, "A-1-5", "A-1-6")).containsOnlyKeys("A-1-5", "A-1-6")
			.containsValues(seatState, seatState);
		Long seatKeys = TestServices.get()
			.redis((redis) -> redis.exists(Booking.eventKey(this.event, "seat:A-1-5"),
					Booking.eventKey(this.event, "seat:A-1-6")));
		assertThat(seatKeys).isZero();
		assertThat(Booking.feedOf(this.event, "A-1-5")).containsExactlyElementsOf(feed);
		Boolean markedSold = TestServices.get()
			.redis((redis) -> redis.sismember(Booking.eventKey(this.event, "sold"), "A-1-5"));
		assertThat(markedSold).isFalse();
		assertThat(this.booking.audit(this.organizer.bearer(), this.event).path("ok").asBoolean()).isTrue();
		this.client.get()
			.uri("/api/holds/{id}", hold)
			.header("Authorization", this.buyer.bearer())
			.exchange()
			.expectStatus()
			.isNotFound();
	}

}
