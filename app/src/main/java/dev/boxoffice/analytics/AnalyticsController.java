package dev.boxoffice.analytics;

import java.time.Instant;
import java.util.UUID;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An event's sales analytics, for its organizer or an admin. */
@RestController
@Tag(name = ApiTags.ANALYTICS)
class AnalyticsController {

	private final Analytics analytics;

	private final LiveAnalytics live;

	private final EventCatalog catalog;

	AnalyticsController(Analytics analytics, LiveAnalytics live, EventCatalog catalog) {
		this.analytics = analytics;
		this.live = live;
		this.catalog = catalog;
	}

	@GetMapping("/api/events/{eventId}/analytics")
	@Operation(operationId = "getEventAnalytics",
			summary = "An event's sales over a time range (its organizer, or an ADMIN)",
			description = "Tickets sold, money taken, refunded and kept, failed orders by kind, holds taken, bought, "
					+ "released and expired with the hold → purchase conversion, per section and per bucket of "
					+ "`granularity`, the waitlist's entries and offers, the fill of each section now, and the time "
					+ "from going on sale to selling out. Figures of orders lag them by about "
					+ "`boxoffice.analytics.projection-interval`.")
	@ApiResponse(responseCode = "200",
			description = "The figures; `series` lists only buckets where something " + "happened.")
	@ProblemResponse(status = 400, type = "validation", when = "`granularity` is not minute, hour or day, `from` "
			+ "is not before `to`, the range has more than 10,000 buckets, or a time is not an ISO-8601 instant")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event, or it is another organizer's")
	Mono<AnalyticsReport> report(@PathVariable UUID eventId, @Parameter(
			description = "Start of the range (ISO-8601 instant); default: when the event went on sale.") @RequestParam(
					required = false) @Nullable Instant from,
			@Parameter(description = "End of the range, excluded; default: now.") @RequestParam(
					required = false) @Nullable Instant to,
			@Parameter(schema = @Schema(allowableValues = { "minute", "hour", "day" },
					defaultValue = "hour")) @RequestParam(defaultValue = "hour") String granularity) {
		return this.analytics.report(eventId, from, to, granularity);
	}

	@GetMapping(path = "/api/events/{eventId}/analytics/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(operationId = "streamEventAnalytics",
			summary = "An event's sales figures live, as Server-Sent Events (its organizer, or an ADMIN)",
			description = "An `analytics` event at once and then every `boxoffice.analytics.live-interval` (1 s): "
					+ "tickets sold, money, tickets sold per second over the last ten seconds, holds and their "
					+ "conversion, seats remaining, held and in all.")
	@ApiResponse(responseCode = "200", description = "The stream; it does not end by itself.",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string",
							description = "text/event-stream; each `analytics` event's data is a LiveEventAnalytics")))
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event, or it is another organizer's")
	Flux<ServerSentEvent<String>> stream(@PathVariable UUID eventId) {
		return this.catalog.managed(eventId)
			.flatMapMany((event) -> this.live.figures(eventId))
			.map((figures) -> ServerSentEvent.builder(figures).event("analytics").build());
	}

}
