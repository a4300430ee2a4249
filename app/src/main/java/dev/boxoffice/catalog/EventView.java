package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.boxoffice.inventory.SeatCounts;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An event as the API shows it. {@code counts} (capacity, available, held, sold) are live
 * and only in the single-event view, as are {@code ticketTypes} and {@code pools} (with
 * their live counts and the tier in force). {@code version} grows with every change; a
 * {@code PATCH} names the one it was made from in {@code If-Match}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Event")
public record EventView(UUID id, UUID organizerId, VenueRef venue, String title, String description, String category,
		Instant startsAt, Instant endsAt, String currency, EventStatus status, long version,
		@Nullable SeatCounts counts, @Nullable List<TicketTypeView> ticketTypes,
		@Nullable List<TicketTypeView.PoolView> pools) {

	/** Where the event takes place. */
	@Schema(name = "EventVenue")
	public record VenueRef(UUID id, String name, String city) {
	}

	EventView withCounts(SeatCounts live) {
		return new EventView(this.id, this.organizerId, this.venue, this.title, this.description, this.category,
				this.startsAt, this.endsAt, this.currency, this.status, this.version, live, this.ticketTypes,
				this.pools);
	}

	EventView withPlan(List<TicketTypeView> types, List<TicketTypeView.PoolView> poolViews) {
		return new EventView(this.id, this.organizerId, this.venue, this.title, this.description, this.category,
				this.startsAt, this.endsAt, this.currency, this.status, this.version, this.counts, types, poolViews);
	}

}
