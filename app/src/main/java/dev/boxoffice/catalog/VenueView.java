package dev.boxoffice.catalog;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A venue as the API shows it: its sections with their seat counts, not every seat. */
@Schema(name = "Venue")
public record VenueView(UUID id, UUID organizerId, String name, String city, String address, int capacity,
		List<SectionView> sections) {

	@Schema(name = "VenueSection")
	public record SectionView(String code, String name, int priceCents, int seats) {
	}

}
