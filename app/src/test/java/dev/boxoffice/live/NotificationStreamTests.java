package dev.boxoffice.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.boxoffice.live.UserNotifications.Notification;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A user's notification stream in virtual time: {@code :connected} at once, a heartbeat
 * every 15 s, notifications read every 100 ms from where the stream starts.
 */
@Tag("unit")
// A stream that does not end when it should fails the test instead of hanging the build.
@Timeout(10)
class NotificationStreamTests {

	static final UUID USER = UUID.randomUUID();

	static final Duration POLL = Duration.ofMillis(100);

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	/** The user's notifications, oldest first, as their Redis stream holds them. */
	final List<Notification> sent = new CopyOnWriteArrayList<>();

	final AtomicInteger readings = new AtomicInteger();

	/** Readings still to fail, as when Redis is away for a moment. */
	final AtomicInteger failing = new AtomicInteger();

	final NotificationStream stream = new NotificationStream(notifications(), new LiveProperties(Duration.ofMillis(100),
			HEARTBEAT, Duration.ofSeconds(2), 64, Duration.ofMillis(500), POLL));

	@Test
	void aConnectedCommentComesAtOnceThenOnlyAHeartbeatEveryInterval() {
		StepVerifier.withVirtualTime(() -> streamOf(null))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("connected"))
			.expectNoEvent(HEARTBEAT.minusMillis(1))
			// Meanwhile the notifications were read every 100 ms and none found.
			.then(() -> assertThat(this.readings.get()).isEqualTo(149))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("heartbeat"))
			.expectNoEvent(HEARTBEAT.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("heartbeat"))
			.thenCancel()
			.verify();
	}

	@Test
	void aNotificationIsSentOnceAtTheFirstReadingAfterIt() {
		StepVerifier.withVirtualTime(() -> streamOf(null))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("connected"))
			.thenAwait(Duration.ofMillis(250))
			.then(() -> send("hold-expiring", Map.of("holdId", "h1")))
			.expectNoEvent(Duration.ofMillis(49))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((event) -> {
				assertThat(event.id()).isEqualTo("250-1");
				assertThat(event.event()).isEqualTo("hold-expiring");
				assertThat(event.data()).isEqualTo(Map.of("holdId", "h1"));
				assertThat(event.retry()).isEqualTo(Duration.ofSeconds(2));
			})
			.expectNoEvent(Duration.ofSeconds(5))
			.thenCancel()
			.verify();
	}

	@Test
	void aNewStreamSendsOnlyWhatComesAfterItOpened() {
		StepVerifier.withVirtualTime(() -> {
			send("order-confirmed", Map.of("orderId", "o1"));
			return streamOf(null);
		})
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("connected"))
			.thenAwait(Duration.ofMillis(50))
			.then(() -> send("order-failed", Map.of("orderId", "o2")))
			.thenAwait(Duration.ofMillis(50))
			.assertNext((event) -> assertThat(event.event()).isEqualTo("order-failed"))
			.thenCancel()
			.verify();
	}

	@Test
	void aStreamResumedWithLastEventIdSendsWhatCameAfterItAtTheFirstReading() {
		StepVerifier.withVirtualTime(() -> {
			String missedFrom = send("order-confirmed", Map.of("orderId", "o1"));
			send("order-cancelled", Map.of("orderId", "o1"));
			send("hold-expiring", Map.of("holdId", "h2"));
			return streamOf(missedFrom);
		})
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("connected"))
			.expectNoEvent(POLL.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((event) -> assertThat(event.event()).isEqualTo("order-cancelled"))
			.assertNext((event) -> assertThat(event.event()).isEqualTo("hold-expiring"))
			.expectNoEvent(Duration.ofSeconds(1))
			.thenCancel()
			.verify();
	}

	@Test
	void aFailedReadingIsTriedAgainAtTheNextPollAndTheStreamGoesOn() {
		StepVerifier.withVirtualTime(() -> streamOf(null))
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("connected"))
			.then(() -> {
				send("order-confirmed", Map.of("orderId", "o1"));
				this.failing.set(3);
			})
			.expectNoEvent(Duration.ofMillis(399))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((event) -> assertThat(event.event()).isEqualTo("order-confirmed"))
			.thenAwait(HEARTBEAT)
			.assertNext((event) -> assertThat(event.comment()).isEqualTo("heartbeat"))
			.thenCancel()
			.verify();
	}

	private Flux<ServerSentEvent<Object>> streamOf(@Nullable String lastEventId) {
		return this.stream.stream(lastEventId)
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(USER.toString(), null, List.of())));
	}

	/** Adds a notification at the current virtual time; its position. */
	private String send(String type, Map<String, String> fields) {
		String id = VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS) + "-" + (this.sent.size() + 1);
		this.sent.add(new Notification(id, type, fields));
		return id;
	}

	private UserNotifications notifications() {
		UserNotifications notifications = mock(UserNotifications.class);
		when(notifications.tail(any(UUID.class))).thenAnswer((call) -> Mono
			.fromSupplier(() -> this.sent.isEmpty() ? "0-0" : this.sent.get(this.sent.size() - 1).id()));
		when(notifications.after(any(UUID.class), anyString())).thenAnswer((call) -> Flux.defer(() -> {
			this.readings.incrementAndGet();
			if (this.failing.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				return Flux.error(new IllegalStateException("Redis is away"));
			}
			String position = call.getArgument(1);
			int from = 0;
			while (from < this.sent.size() && !this.sent.get(from).id().equals(position)) {
				from++;
			}
			return Flux.fromIterable(this.sent.subList((from < this.sent.size()) ? from + 1 : 0, this.sent.size()));
		}));
		return notifications;
	}

}
