package dev.boxoffice.catalog;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.boxoffice.inventory.SeatView;
import dev.boxoffice.platform.error.ApiException;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.security.CurrentUser;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Events: search and read (public), create and manage (organizers, their own). */
@RestController
@RequestMapping("/api/events")
class EventController {

	private final EventCatalog catalog;

	EventController(EventCatalog catalog) {
		this.catalog = catalog;
	}

	@PostMapping
	Mono<ResponseEntity<EventView>> create(@Valid @RequestBody EventRequests.Create request) {
		return CurrentUser.get()
			.flatMap((organizer) -> this.catalog.create(organizer, request))
			.map((event) -> ResponseEntity.created(URI.create("/api/events/" + event.id())).body(event));
	}

	@GetMapping
	Mono<EventPage> search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable String city,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(defaultValue = "ON_SALE") EventStatus status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "" + EventQuery.DEFAULT_LIMIT) int limit) {
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
					EventCatalog.onlyOwnUnlessAdmin(user.orElse(null), status), after, limit)));
	}

	@GetMapping("/{id}")
	Mono<EventView> find(@PathVariable UUID id) {
		return this.catalog.find(id);
	}

	@GetMapping("/{id}/seats")
	Flux<SeatView> seats(@PathVariable UUID id) {
		return this.catalog.seats(id);
	}

	@PatchMapping("/{id}")
	Mono<EventView> update(@PathVariable UUID id, @Valid @RequestBody EventRequests.Patch patch) {
		return this.catalog.update(id, patch);
	}

	@PostMapping("/{id}/publish")
	Mono<EventView> publish(@PathVariable UUID id) {
		return this.catalog.publish(id);
	}

	@PostMapping("/{id}/cancel")
	Mono<EventView> cancel(@PathVariable UUID id) {
		return this.catalog.cancel(id);
	}

}
