package dev.boxoffice.live;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
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

	@GetMapping(path = "/api/events/{eventId}/seats/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> seats(@PathVariable UUID eventId,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		return this.seats.open(eventId, lastEventId);
	}

}
