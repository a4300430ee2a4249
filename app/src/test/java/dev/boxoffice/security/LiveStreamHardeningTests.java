package dev.boxoffice.security;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.live.UserNotifications;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live streams under odd use. A {@code Last-Event-ID} that has the shape of a stream
 * position but could never be one (larger than a Redis stream id can be) is treated like
 * any other unusable id: the seat stream starts with a fresh snapshot, the notification
 * stream from now; never a 500. A client connecting to its notifications learns at once
 * that it is connected, not at the first notification or heartbeat.
 */
@IntegrationTest
@Tag("security")
class LiveStreamHardeningTests {

	static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient client;

	@Autowired
	UserNotifications notifications;

	@Test
	void aPositionNoStreamCanHaveGetsAFreshSnapshot() {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 4);
		for (String position : Generated.some(6, LiveStreamHardeningTests::impossiblePosition)) {
			Flux<ServerSentEvent<String>> stream = this.client.get()
				.uri("/api/events/{id}/seats/stream", event)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.header("Last-Event-ID", position)
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(SSE)
				.getResponseBody()
				.filter((sse) -> sse.event() != null);
			StepVerifier.create(stream)
				.assertNext((first) -> assertThat(first.event()).as(position).isEqualTo("snapshot"))
				.thenCancel()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void aNotificationStreamResumedFromAPositionNoStreamCanHaveStartsFromNow() {
		Session user = new Accounts(this.client).newUser();
		for (String position : Generated.some(3, LiveStreamHardeningTests::impossiblePosition)) {
			Flux<ServerSentEvent<String>> stream = this.client.get()
				.uri("/api/me/events/stream")
				.header("Authorization", user.bearer())
				.accept(MediaType.TEXT_EVENT_STREAM)
				.header("Last-Event-ID", position)
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(SSE)
				.getResponseBody()
				.filter((sse) -> sse.event() != null);
			StepVerifier.create(stream)
				.then(() -> this.notifications.send(user.userId(), "test", Map.of("n", position)).subscribe())
				.assertNext((first) -> assertThat(first.data()).as(position).contains(position))
				.thenCancel()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void theNotificationStreamAnswersAtOnce() {
		Session user = new Accounts(this.client).newUser();
		Flux<ServerSentEvent<String>> stream = this.client.mutate()
			.responseTimeout(Duration.ofSeconds(5))
			.build()
			.get()
			.uri("/api/me/events/stream")
			.header("Authorization", user.bearer())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(SSE)
			.getResponseBody();
		StepVerifier.create(stream)
			.assertNext((first) -> assertThat(first.comment()).isNotBlank())
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	/** Shaped like {@code <ms>-<seq>}, but a part has more digits than 64 bits hold. */
	static String impossiblePosition() {
		String huge = Generated.text("123456789", Generated.between(20, 30));
		String small = Long.toString(Generated.between(0, Integer.MAX_VALUE));
		return switch (Generated.between(0, 2)) {
			case 0 -> huge + "-" + small;
			case 1 -> small + "-" + huge;
			default -> huge + "-" + huge;
		};
	}

}
