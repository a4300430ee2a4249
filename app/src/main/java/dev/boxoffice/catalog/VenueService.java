package dev.boxoffice.catalog;

import java.util.List;
import java.util.UUID;

import dev.boxoffice.inventory.NewSeats;
import dev.boxoffice.platform.security.CurrentUser;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Creating venues and reading them back. */
@Service
class VenueService {

	private final VenueRepository venues;

	private final TransactionalOperator transactional;

	VenueService(VenueRepository venues, TransactionalOperator transactional) {
		this.venues = venues;
		this.transactional = transactional;
	}

	/** Creates the venue, its sections and all its seats in one transaction. */
	Mono<VenueView> create(CurrentUser organizer, VenueRequest request) {
		VenueLayout layout = VenueLayout.of(request);
		return this.venues.insertVenue(organizer.id(), request, layout.capacity())
			.flatMap((id) -> this.venues.insertSections(id, request.sections())
				.then(this.venues.insertSeats(id, layout))
				.thenReturn(id))
			.as(this.transactional::transactional)
			.flatMap(this::find);
	}

	/** The seats an event at this venue goes on sale with. */
	/** The seats of {@code sections} of the venue, at the event's prices. */
	Mono<NewSeats> layoutForEvent(UUID venueId, UUID eventId, List<String> sections) {
		return this.venues.seatsFor(venueId, eventId, sections);
	}

	Mono<VenueView> find(UUID id) {
		return this.venues.find(id).switchIfEmpty(Mono.error(CatalogExceptions::venueNotFound));
	}

}
