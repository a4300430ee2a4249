package dev.boxoffice.catalog;

import java.util.UUID;

import dev.boxoffice.inventory.SeatView;
import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The seats of an event a buyer chooses from (public). */
@RestController
@Tag(name = ApiTags.SEATS)
class EventSeatsController {

	private final EventCatalog catalog;

	EventSeatsController(EventCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/api/events/{id}/seats")
	@Operation(operationId = "listSeats", summary = "Every seat of an event, in layout order, with its status",
			description = "SOLD in PostgreSQL, HELD in Redis (a hold that has not expired), AVAILABLE otherwise. "
					+ "A 20,000-seat event is about 2 MB.")
	@ApiResponse(responseCode = "200", description = "The seats.")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event (or it is a draft of another organizer's)")
	Flux<SeatView> seats(@PathVariable UUID id) {
		return this.catalog.seats(id);
	}

}
