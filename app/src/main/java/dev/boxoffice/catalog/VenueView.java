package dev.boxoffice.catalog;

import java.util.List;
import java.util.UUID;

/** A venue as the API shows it: its sections with their seat counts, not every seat. */
public record VenueView(UUID id, UUID organizerId, String name, String city, String address, int capacity,
		List<SectionView> sections) {

	public record SectionView(String code, String name, int priceCents, int seats) {
	}

}
