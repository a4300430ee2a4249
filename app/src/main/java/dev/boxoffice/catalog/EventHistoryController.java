package dev.boxoffice.catalog;

import java.util.UUID;

import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/events/{id}/history}: every change to an event, for its organizer. */
@RestController
@Tag(name = ApiTags.CATALOG)
class EventHistoryController {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 100;

	private final EventCatalog catalog;

	EventHistoryController(EventCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/api/events/{id}/history")
	@Operation(operationId = "getEventHistory", summary = "Every change to an event, newest first (its organizer)",
			description = "Its creation, each change, its publication and cancellation: who, when, which fields, "
					+ "each one's value before and after. The event's organizer or an admin.")
	@ApiResponse(responseCode = "200", description = "A page of changes; `nextCursor` is absent on the last.")
	@ProblemResponse(status = 400, type = "validation",
			when = "`limit` is out of its bounds, or `cursor` is not one this service gave out")
	@ProblemResponse(status = 403, type = "forbidden", when = "the caller is neither an ORGANIZER nor an ADMIN")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event, or it is another organizer's")
	Mono<EventHistoryPage> history(@PathVariable UUID id,
			@Parameter(description = "`nextCursor` of the previous page.") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + MAX_LIMIT,
					defaultValue = "" + DEFAULT_LIMIT)) @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			return Mono.error(RequestProblems.invalid("limit", "must be between 1 and " + MAX_LIMIT));
		}
		return Mono.fromCallable(() -> (cursor != null && !cursor.isBlank()) ? EventHistoryCursor.decode(cursor) : null)
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap((after) -> this.catalog.history(id, after.orElse(null), limit));
	}

}
