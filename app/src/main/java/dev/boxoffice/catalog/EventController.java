package dev.boxoffice.catalog;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.boxoffice.platform.error.ApiException;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.security.CurrentUser;
import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Events: search and read (public), create and manage (organizers, their own). */
@RestController
@RequestMapping("/api/events")
@Tag(name = ApiTags.CATALOG)
class EventController {

	private final EventCatalog catalog;

	EventController(EventCatalog catalog) {
		this.catalog = catalog;
	}

	@PostMapping
	@Operation(operationId = "createEvent", summary = "Create an event, as a DRAFT (ORGANIZER or ADMIN)",
			description = "At one of the organizer's own venues (admins: any); `prices` may override the "
					+ "venue's section prices. A draft is seen only by its organizer and admins.")
	@ApiResponse(responseCode = "201", description = "Created; `Location` is the event.")
	@ProblemResponse(status = 400, type = "validation",
			when = "a field breaks the rules: a start that is not "
					+ "in the future, an end before it, a price for a section the venue does not have")
	@ProblemResponse(status = 403, type = "forbidden", when = "the caller is neither an ORGANIZER nor an ADMIN")
	@ProblemResponse(status = 404, type = "venue-not-found", when = "there is no such venue of the organizer's")
	Mono<ResponseEntity<EventView>> create(@Valid @RequestBody EventRequests.Create request) {
		return CurrentUser.get()
			.flatMap((organizer) -> this.catalog.create(organizer, request))
			.map((event) -> ResponseEntity.created(URI.create("/api/events/" + event.id())).body(event));
	}

	@GetMapping
	@Operation(operationId = "searchEvents", summary = "Search events, in start-time order, a page at a time",
			description = "Public. With a token, `status=DRAFT` or `CANCELLED` lists your own such events "
					+ "(admins: all), and `mine=true` only your own events of any status asked for (none "
					+ "without a token).")
	@ApiResponse(responseCode = "200", description = "A page of events; `nextCursor` is absent on the last.")
	@ProblemResponse(status = 400, type = "validation",
			when = "a parameter is out of its bounds or cannot be read (a cursor this service did not give out)")
	Mono<EventPage> search(@Parameter(description = "Words that must all start a word of the title or description.",
			schema = @Schema(maxLength = EventQuery.MAX_TEXT)) @RequestParam(required = false) @Nullable String q,
			@Parameter(description = "Exact category.",
					schema = @Schema(maxLength = EventQuery.MAX_NAME)) @RequestParam(
							required = false) @Nullable String category,
			@Parameter(description = "The venue's city, any letter case.",
					schema = @Schema(maxLength = EventQuery.MAX_NAME)) @RequestParam(
							required = false) @Nullable String city,
			@Parameter(description = "Events starting at or after.") @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@Parameter(description = "Events starting before.") @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(defaultValue = "ON_SALE") EventStatus status,
			@Parameter(description = "Only the caller's own events (admins too); none without a token.") @RequestParam(
					defaultValue = "false") boolean mine,
			@Parameter(description = "`nextCursor` of the previous page.") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1",
					maximum = "" + EventQuery.MAX_LIMIT, defaultValue = "" + EventQuery.DEFAULT_LIMIT)) @RequestParam(
							defaultValue = "" + EventQuery.DEFAULT_LIMIT) int limit) {
		if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
			return Mono.error(RequestProblems.invalid("limit", "must be between 1 and " + EventQuery.MAX_LIMIT));
		}
		ApiException tooLong = EventQuery.tooLong(q, category, city);
		if (tooLong != null) {
			return Mono.error(tooLong);
		}
		for (Instant bound : new Instant[] { from, to }) {
			if (bound != null && (bound.isAfter(EventQuery.LATEST) || bound.isBefore(Instant.EPOCH))) {
				return Mono.error(RequestProblems.invalid(bound == from ? "from" : "to",
						"must be between 1970 and " + EventQuery.LATEST));
			}
		}
		EventCursor after = (cursor != null && !cursor.isBlank()) ? EventCursor.decode(cursor) : null;
		return CurrentUser.get()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((user) -> this.catalog.search(new EventQuery(q, category, city, from, to, status,
					EventCatalog.onlyOwn(user.orElse(null), status, mine), after, limit)));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getEvent", summary = "An event, with live seat counts",
			description = "Public for events on sale or cancelled; a draft only for its organizer and admins.")
	@ApiResponse(responseCode = "200", description = "The event; `counts` are live.")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event (or it is a draft of another organizer's)")
	Mono<ResponseEntity<EventView>> find(@PathVariable UUID id) {
		return this.catalog.find(id).map(EventController::tagged);
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "updateEvent", summary = "Change an event's title, description, category or times",
			description = "Its organizer or an admin; absent fields stay as they are. With `If-Match` (the "
					+ "event's `ETag`), only if nobody changed the event since that version; without it, the "
					+ "change is made on the event as it is. A change of times is told to every holder of a "
					+ "valid ticket (`event-changed`).")
	@ApiResponse(responseCode = "200", description = "The event as it now is; `ETag` is its new version.")
	@ProblemResponse(status = 400, type = "validation", when = "a field breaks the rules (an end before the start)")
	@ProblemResponse(status = 403, type = "forbidden", when = "the caller is not the event's organizer nor an ADMIN")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event (or it is a draft of another organizer's)")
	@ProblemResponse(status = 409, type = "event-status", when = "the event is cancelled; `eventStatus` says so")
	@ProblemResponse(status = 412, type = "event-version-mismatch",
			when = "`If-Match` names another version than the event's; `currentVersion` is the event's, "
					+ "and nothing was changed")
	Mono<ResponseEntity<EventView>> update(@PathVariable UUID id,
			@Parameter(description = "The event's `ETag` (its `version`, quoted) that the change was made from.",
					schema = @Schema(example = "\"3\"")) @RequestHeader(name = HttpHeaders.IF_MATCH,
							required = false) @Nullable String ifMatch,
			@Valid @RequestBody EventRequests.Patch patch) {
		return Mono.fromCallable(() -> Optional.ofNullable(EventVersionTags.expected(ifMatch)))
			.flatMap((expected) -> this.catalog.update(id, patch, expected.orElse(null)))
			.map(EventController::tagged);
	}

	@PostMapping("/{id}/publish")
	@Operation(operationId = "publishEvent", summary = "Put a draft on sale",
			description = "Every seat of the venue becomes an AVAILABLE seat of the event at its price.")
	@ApiResponse(responseCode = "200", description = "The event, ON_SALE.")
	@ProblemResponse(status = 400, type = "validation", when = "the event's start has passed")
	@ProblemResponse(status = 403, type = "forbidden", when = "the caller is not the event's organizer nor an ADMIN")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event (or it is a draft of another organizer's)")
	@ProblemResponse(status = 409, type = "event-status", when = "the event is not a draft")
	Mono<EventView> publish(@PathVariable UUID id) {
		return this.catalog.publish(id);
	}

	@PostMapping("/{id}/cancel")
	@Operation(operationId = "cancelEvent", summary = "Cancel an event on sale",
			description = "It takes no more holds; every confirmed order is refunded and its buyer told, "
					+ "within about ten seconds.")
	@ApiResponse(responseCode = "200", description = "The event, CANCELLED.")
	@ProblemResponse(status = 403, type = "forbidden", when = "the caller is not the event's organizer nor an ADMIN")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event (or it is a draft of another organizer's)")
	@ProblemResponse(status = 409, type = "event-status", when = "the event is not on sale (a draft, or cancelled)")
	Mono<EventView> cancel(@PathVariable UUID id) {
		return this.catalog.cancel(id);
	}

	/** The event with its version as {@code ETag}, for a later {@code If-Match}. */
	private static ResponseEntity<EventView> tagged(EventView event) {
		return ResponseEntity.ok().eTag(EventVersionTags.etag(event.version())).body(event);
	}

}
