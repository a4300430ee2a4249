package dev.boxoffice.live;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

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
	Mono<Void> seats(@PathVariable UUID eventId,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			ServerHttpResponse response) {
		response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
		response.getHeaders().setCacheControl("no-cache");
		return response.writeAndFlushWith(this.seats.open(eventId, lastEventId)
			.map((text) -> Mono.just(response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8)))));
	}

}
