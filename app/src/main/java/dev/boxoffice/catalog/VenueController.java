package dev.boxoffice.catalog;

import java.net.URI;
import java.util.UUID;

import dev.boxoffice.platform.security.CurrentUser;
import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Venues: organizers create them; anyone may look at one. */
@RestController
@Tag(name = ApiTags.CATALOG)
class VenueController {

	private final VenueService venues;

	VenueController(VenueService venues) {
		this.venues = venues;
	}

	@PostMapping("/api/venues")
	@Operation(operationId = "createVenue", summary = "Create a venue with its seat layout (ORGANIZER or ADMIN)",
			description = "Sections of rows of numbered seats, a price per section. Up to 200,000 seats, "
					+ "500 sections, 2,000 rows per section, 2,000 seats per row.")
	@ApiResponse(responseCode = "201", description = "Created; `Location` is the venue.")
	@ProblemResponse(status = 400, type = "validation",
			when = "a field breaks the rules, or a section code, "
					+ "a row label in its section or a number in its row is given twice; `errors` names the place")
	@ProblemResponse(status = 403, type = "forbidden", when = "the caller is neither an ORGANIZER nor an ADMIN")
	Mono<ResponseEntity<VenueView>> create(@Valid @RequestBody VenueRequest request) {
		return CurrentUser.get()
			.flatMap((organizer) -> this.venues.create(organizer, request))
			.map((venue) -> ResponseEntity.created(URI.create("/api/venues/" + venue.id())).body(venue));
	}

	@GetMapping("/api/venues/{id}")
	@Operation(operationId = "getVenue", summary = "A venue, with its sections and their seat counts")
	@ApiResponse(responseCode = "200", description = "The venue.")
	@ProblemResponse(status = 404, type = "venue-not-found", when = "there is no such venue")
	Mono<VenueView> find(@PathVariable UUID id) {
		return this.venues.find(id);
	}

}
