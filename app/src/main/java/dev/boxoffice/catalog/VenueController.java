package dev.boxoffice.catalog;

import java.net.URI;
import java.util.UUID;

import dev.boxoffice.platform.security.CurrentUser;
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
class VenueController {

	private final VenueService venues;

	VenueController(VenueService venues) {
		this.venues = venues;
	}

	@PostMapping("/api/venues")
	Mono<ResponseEntity<VenueView>> create(@Valid @RequestBody VenueRequest request) {
		return CurrentUser.get()
			.flatMap((organizer) -> this.venues.create(organizer, request))
			.map((venue) -> ResponseEntity.created(URI.create("/api/venues/" + venue.id())).body(venue));
	}

	@GetMapping("/api/venues/{id}")
	Mono<VenueView> find(@PathVariable UUID id) {
		return this.venues.find(id);
	}

}
