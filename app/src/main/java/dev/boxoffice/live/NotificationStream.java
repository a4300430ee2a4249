package dev.boxoffice.live;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.boxoffice.platform.security.CurrentUser;
import dev.boxoffice.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me/events/stream}: the caller's own notifications as Server-Sent Events
 * (event name = notification type), from now on or, with {@code Last-Event-ID}, from
 * after that one. A comment first, then the notifications read every
 * {@code boxoffice.live.notification-poll-interval}, and a comment at least every
 * {@code heartbeat}.
 */
@RestController
@Tag(name = ApiTags.LIVE)
class NotificationStream {

	private static final ServerSentEvent<Object> CONNECTED = ServerSentEvent.builder().comment("connected").build();

	private final UserNotifications notifications;

	private final LiveProperties properties;

	NotificationStream(UserNotifications notifications, LiveProperties properties) {
		this.notifications = notifications;
		this.properties = properties;
	}

	@GetMapping(path = "/api/me/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(operationId = "streamMyNotifications", summary = "Your notifications, as Server-Sent Events",
			description = "From now on (or after `Last-Event-ID`), the event name being the kind: "
					+ "`hold-expiring`, `order-confirmed`, `order-failed`, `order-cancelled`, `event-changed`, "
					+ "`waitlist-offer`, `waitlist-offer-expired`, `waitlist-position`, `waitlist-ended`. "
					+ "A `:connected` " + "comment first, then a comment at least every 15 s.")
	@ApiResponse(responseCode = "200", description = "The stream; it does not end by itself.",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string", description = "text/event-stream")))
	Flux<ServerSentEvent<Object>> stream(
			@Parameter(description = "The `id` of the last notification received, to resume after it.") @RequestHeader(
					name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		return CurrentUser.get().flatMapMany((user) -> start(user.id(), lastEventId).flatMapMany((from) -> {
			AtomicReference<String> cursor = new AtomicReference<>(from);
			Flux<ServerSentEvent<Object>> events = Flux.interval(this.properties.notificationPollInterval())
				.onBackpressureDrop()
				// A reading that fails (Redis away for a moment) is given up: the next
				// poll reads
				// again from the same position, so nothing is lost and the stream goes
				// on.
				.concatMap((tick) -> this.notifications.after(user.id(), cursor.get())
					.onErrorResume((failure) -> Flux.empty()), 1)
				.doOnNext((note) -> cursor.set(note.id()))
				.map((note) -> ServerSentEvent.builder()
					.id(note.id())
					.event(note.type())
					.retry(this.properties.retry())
					.data((Object) note.fields())
					.build());
			Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(this.properties.heartbeat())
				.map((tick) -> ServerSentEvent.builder().comment("heartbeat").build());
			// Sent at once, so the headers go out with it: a client knows it is connected
			// without waiting for the first notification or heartbeat.
			return Flux.merge(events, heartbeats).startWith(CONNECTED);
		}));
	}

	private Mono<String> start(UUID userId, @Nullable String lastEventId) {
		return StreamPositions.isUsable(lastEventId) ? Mono.just(lastEventId) : this.notifications.tail(userId);
	}

}
