package dev.boxoffice.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.StandaloneApp;
import dev.boxoffice.support.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live seat stream: snapshot, ordered changes, resume, heartbeats, across instances.
 */
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.live.heartbeat=300ms", "boxoffice.live.subscriber-buffer=8",
		"boxoffice.holds.ttl=2s", "boxoffice.holds.sweep-interval=250ms" })
class LiveStreamTests {

	static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient client;

	@Autowired
	SeatFeed feed;

	@Autowired
	MeterRegistry meters;

	@Autowired
	UserNotifications notifications;

	Booking booking;

	Session buyer;

	UUID event;

	@BeforeEach
	void eventOnSale() {
		this.booking = new Booking(this.client);
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		this.buyer = new Accounts(this.client).newUser();
		this.event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 2, 5);
	}

	@Test
	void aSnapshotComesFirstThenEveryChangeInOrder() {
		this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-1");
		StepVerifier.create(events(this.client, null)).assertNext((snapshot) -> {
			assertThat(snapshot.event()).isEqualTo("snapshot");
			assertThat(snapshot.retry()).isNotNull();
			JsonNode body = json(snapshot);
			assertThat(body.path("capacity").asLong()).isEqualTo(10);
			assertThat(body.path("held").get(0).asString()).isEqualTo("A-1-1");
			assertThat(body.path("position").asString()).isEqualTo(snapshot.id());
		}).then(() -> {
			String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-2-1", "A-2-2");
			this.client.delete().uri("/api/holds/{id}", hold).header("Authorization", this.buyer.bearer()).exchange();
		})
			.assertNext((change) -> assertThat(json(change).path("status").asString()).isEqualTo("HELD"))
			.assertNext((change) -> assertThat(json(change).path("seatId").asString()).isEqualTo("A-2-2"))
			.assertNext((change) -> {
				assertThat(change.event()).isEqualTo("seat");
				assertThat(json(change).path("status").asString()).isEqualTo("AVAILABLE");
				assertThat(json(change).path("seq").asString()).isEqualTo(change.id());
			})
			.thenCancel()
			.verify(Duration.ofSeconds(15));
	}

	@Test
	void aCrowdConnectingAtOnceSharesReadingsOfTheSeatsAndEachCatchesUp() {
		this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-1");
		double readBefore = this.meters.counter("boxoffice.live.snapshots.read").count();
		int crowd = 30;
		List<Flux<ServerSentEvent<String>>> streams = new ArrayList<>();
		for (int i = 0; i < crowd; i++) {
			streams.add(events(this.client, null).take(2).cache());
		}
		streams.forEach(Flux::subscribe);
		// A change after everyone has their snapshot reaches everyone, once.
		Flux.merge(streams.stream().map((stream) -> stream.take(1)).toList()).blockLast(Duration.ofSeconds(15));
		this.booking.holdSeats(this.buyer.bearer(), this.event, "A-2-5");
		for (Flux<ServerSentEvent<String>> stream : streams) {
			List<ServerSentEvent<String>> seen = stream.collectList().block(Duration.ofSeconds(15));
			assertThat(seen).extracting(ServerSentEvent::event).containsExactly("snapshot", "seat");
			assertThat(json(seen.get(0)).path("held").get(0).asString()).isEqualTo("A-1-1");
			assertThat(json(seen.get(1)).path("seatId").asString()).isEqualTo("A-2-5");
		}
		double reads = this.meters.counter("boxoffice.live.snapshots.read").count() - readBefore;
		assertThat(reads).as("readings of the seats for %d snapshots", crowd).isBetween(1.0, crowd / 2.0);
	}

	/**
	 * A shared reading of the seats is kept only while the event has watchers here: the
	 * next watcher after the last one left reads afresh (and memory holds only the events
	 * being watched), even within the reuse window.
	 */
	@Test
	void aReadingOfTheSeatsIsDroppedWhenTheLastWatcherLeaves() {
		double readBefore = this.meters.counter("boxoffice.live.snapshots.read").count();
		assertThat(events(this.client, null).blockFirst(Duration.ofSeconds(10)).event()).isEqualTo("snapshot");
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !this.feed.watched(this.event));
		assertThat(events(this.client, null).blockFirst(Duration.ofSeconds(10)).event()).isEqualTo("snapshot");
		assertThat(this.meters.counter("boxoffice.live.snapshots.read").count() - readBefore).isEqualTo(2.0);
	}

	@Test
	void theStreamOfAnEventThatDoesNotExistIsANotFoundProblem() {
		this.client.get()
			.uri("/api/events/{id}/seats/stream", UUID.randomUUID())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void expiriesSalesAndCancellationsAreStreamed() {
		StepVerifier.create(events(this.client, null).filter((e) -> e.event().equals("seat")))
			.then(() -> this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-2"))
			.assertNext((held) -> assertThat(json(held).path("status").asString()).isEqualTo("HELD"))
			// Nobody buys it: two seconds later it expires.
			.assertNext((expired) -> {
				assertThat(json(expired).path("seatId").asString()).isEqualTo("A-1-2");
				assertThat(json(expired).path("status").asString()).isEqualTo("AVAILABLE");
			})
			.then(() -> {
				String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-2-5");
				String order = this.booking.purchase(this.buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString())
					.body()
					.path("orderId")
					.asString();
				this.client.post()
					.uri("/api/orders/{id}/cancel", order)
					.header("Authorization", this.buyer.bearer())
					.exchange()
					.expectStatus()
					.isOk();
			})
			.assertNext((held) -> assertThat(json(held).path("status").asString()).isEqualTo("HELD"))
			.assertNext((sold) -> assertThat(json(sold).path("status").asString()).isEqualTo("SOLD"))
			.assertNext((returned) -> {
				assertThat(json(returned).path("seatId").asString()).isEqualTo("A-2-5");
				assertThat(json(returned).path("status").asString()).isEqualTo("AVAILABLE");
			})
			.thenCancel()
			.verify(Duration.ofSeconds(20));
		assertThat(this.meters.get("boxoffice.live.feed.lag").timer().count()).isGreaterThanOrEqualTo(5);
		assertThat(this.meters.get("boxoffice.live.events.sent").counter().count()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void aUserIsToldOfTheirOwnExpiringHoldsAndOrdersOnly() {
		Session other = new Accounts(this.client).newUser();
		Flux<ServerSentEvent<String>> mine = notifications(this.buyer);
		Flux<ServerSentEvent<String>> theirs = notifications(other);
		StepVerifier.create(mine)
			.then(() -> this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-4"))
			.assertNext((warning) -> {
				assertThat(warning.event()).isEqualTo("hold-expiring");
				assertThat(json(warning).path("eventId").asString()).isEqualTo(this.event.toString());
			})
			.then(() -> {
				String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-2-4");
				this.booking.purchase(this.buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString());
			})
			.assertNext((confirmed) -> assertThat(confirmed.event()).isEqualTo("order-confirmed"))
			.then(() -> {
				String hold = this.booking.holdSeats(this.buyer.bearer(), this.event, "A-2-3");
				this.booking.purchase(this.buyer.bearer(), hold, "tok_decline", UUID.randomUUID().toString());
			})
			.assertNext((failed) -> {
				assertThat(failed.event()).isEqualTo("order-failed");
				assertThat(json(failed).path("reason").asString()).contains("declined");
			})
			.thenCancel()
			.verify(Duration.ofSeconds(20));
		StepVerifier.create(theirs).expectSubscription().expectNoEvent(Duration.ofMillis(500)).thenCancel().verify();
		this.client.get().uri("/api/me/events/stream").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aUsersNotificationsAreKeptFewAndForADay() {
		UUID user = UUID.randomUUID();
		for (int i = 0; i < 250; i++) {
			this.notifications.send(user, "test", Map.of("n", Integer.toString(i))).block(Duration.ofSeconds(10));
		}
		String key = TestServices.get().keyPrefix() + "notes:{u:" + user + "}";
		// About 100 kept: Redis trims whole nodes of the stream only.
		Long kept = TestServices.get().redis((redis) -> redis.xlen(key));
		assertThat(kept).isBetween(100L, 200L);
		Long lifetime = TestServices.get().redis((redis) -> redis.pttl(key));
		assertThat(lifetime).isBetween(Duration.ofHours(23).toMillis(), Duration.ofDays(1).toMillis());
		Map<String, String> newest = TestServices.get()
			.redis((redis) -> redis.xrevrange(key, io.lettuce.core.Range.unbounded(), io.lettuce.core.Limit.from(1)))
			.get(0)
			.getBody();
		assertThat(newest).containsEntry("n", "249").containsEntry("type", "test");
	}

	@Test
	void aClientResumingWithLastEventIdGetsExactlyWhatItMissed() {
		this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-3");
		String position = events(this.client, null).blockFirst(Duration.ofSeconds(10)).id();
		this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-4");
		this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-5");
		List<String> seen = new ArrayList<>();
		StepVerifier.create(events(this.client, position))
			.assertNext((first) -> seen.add(json(first).path("seatId").asString()))
			.assertNext((second) -> seen.add(json(second).path("seatId").asString()))
			.expectNoEvent(Duration.ofMillis(500))
			.thenCancel()
			.verify(Duration.ofSeconds(15));
		assertThat(seen).containsExactly("A-1-4", "A-1-5");
	}

	@Test
	void aPositionNoLongerInTheFeedGetsAFreshSnapshot() {
		StepVerifier.create(events(this.client, "1-1"))
			.assertNext((first) -> assertThat(first.event()).isEqualTo("snapshot"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void anIdleStreamSendsHeartbeats() {
		Flux<ServerSentEvent<String>> all = this.client.get()
			.uri("/api/events/{id}/seats/stream", this.event)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SSE)
			.getResponseBody();
		StepVerifier.create(all.filter((e) -> e.comment() != null).take(2)).expectNextCount(2).verifyComplete();
	}

	@Test
	void aChangeMadeThroughOneInstanceReachesWatchersOfAnother() {
		try (ConfigurableApplicationContext other = StandaloneApp.start(Map.of())) {
			WebTestClient otherClient = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + other.getEnvironment().getProperty("local.server.port"))
				.responseTimeout(Duration.ofSeconds(20))
				.build();
			StepVerifier.create(events(otherClient, null))
				.assertNext((snapshot) -> assertThat(snapshot.event()).isEqualTo("snapshot"))
				.then(() -> this.booking.holdSeats(this.buyer.bearer(), this.event, "A-1-3"))
				.assertNext((change) -> {
					assertThat(json(change).path("seatId").asString()).isEqualTo("A-1-3");
					assertThat(json(change).path("status").asString()).isEqualTo("HELD");
				})
				.thenCancel()
				.verify(Duration.ofSeconds(20));
		}
	}

	/**
	 * A watcher that reads nothing fills its own bounded buffer (8 readings of the feed
	 * here) and no more: its feed is cut. Another one gets every change meanwhile. When
	 * the stalled one reads again, it gets what was buffered, then the overflow that ends
	 * its stream.
	 */
	@Test
	void aStalledWatcherDoesNotHoldUpTheOthers() throws InterruptedException {
		String tail = this.feed.tail(this.event).block(Duration.ofSeconds(5));
		String feedKey = TestServices.get().keyPrefix() + "{e:" + this.event + "}:feed";
		StepVerifier fast = StepVerifier
			.create(this.feed.live(this.event, tail).flatMapIterable(FeedBatch::entries).take(20))
			.expectNextCount(20)
			.expectComplete()
			.verifyLater();
		StepVerifier slow = StepVerifier.create(this.feed.live(this.event, tail), 0)
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(2))
			.thenRequest(100)
			.expectNextCount(8)
			.expectErrorMatches(Exceptions::isOverflow)
			.verifyLater();
		// Further apart than the feed is read (every 100 ms): each change is a reading of
		// its own.
		for (int i = 0; i < 20; i++) {
			String seat = "A-1-" + (i % 5 + 1);
			TestServices.get().redis((redis) -> redis.xadd(feedKey, Map.of("seat", seat, "status", "HELD")));
			Thread.sleep(150);
		}
		fast.verify(Duration.ofSeconds(10));
		slow.verify(Duration.ofSeconds(10));
	}

	private Flux<ServerSentEvent<String>> notifications(Session user) {
		return this.client.get()
			.uri("/api/me/events/stream")
			.header("Authorization", user.bearer())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SSE)
			.getResponseBody()
			.filter((event) -> event.event() != null);
	}

	/** The stream's events (heartbeat comments left out). */
	private Flux<ServerSentEvent<String>> events(WebTestClient client, String lastEventId) {
		WebTestClient.RequestHeadersSpec<?> request = client.get()
			.uri("/api/events/{id}/seats/stream", this.event)
			.accept(MediaType.TEXT_EVENT_STREAM);
		if (lastEventId != null) {
			request = request.header("Last-Event-ID", lastEventId);
		}
		return request.exchange()
			.expectStatus()
			.isOk()
			.returnResult(SSE)
			.getResponseBody()
			.filter((event) -> event.event() != null);
	}

	private JsonNode json(ServerSentEvent<String> event) {
		return JsonMapper.shared().readTree(event.data());
	}

}
