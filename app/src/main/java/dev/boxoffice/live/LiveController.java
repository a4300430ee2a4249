package dev.boxoffice.live;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Server-Sent Events of an event's seats, for anyone watching it. */
@RestController
@Tag(name = ApiTags.LIVE)
class LiveController {

	private final SeatStream seats;

	LiveController(SeatStream seats) {
		this.seats = seats;
	}

	/**
	 * Written as text the stream made once per change for all its watchers, and flushed
	 * once per batch of changes, not once per change.
	 */
	@GetMapping(path = "/api/events/{eventId}/seats/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(operationId = "streamSeats", summary = "Watch an event's seats change, as Server-Sent Events",
			description = "First a `snapshot` event (the seats held and sold; every other seat is AVAILABLE), "
					+ "then a `seat` event (`{seatId, status, seq}`) per change, in order, each with its feed "
					+ "position as `id`. A comment at least every 15 s. Reconnect with `Last-Event-ID` to resume "
					+ "without a gap, or get a fresh snapshot when the gap is too old; a watcher that falls too "
					+ "far behind gets an `end` event and resumes the same way.")
	@ApiResponse(responseCode = "200", description = "The stream; it does not end by itself.",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string", description = "text/event-stream")))
	@ProblemResponse(status = 404, type = "event-not-found", when = "there is no such event")
	Mono<Void> seats(@PathVariable UUID eventId,
			@Parameter(description = "The `id` of the last event received, to resume after it.") @RequestHeader(
					name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			ServerHttpResponse response) {
		response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
		response.getHeaders().setCacheControl("no-cache");
		return response.writeAndFlushWith(this.seats.open(eventId, lastEventId)
			.map((text) -> Mono.just(response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8)))));
	}

}
