package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.boxoffice.inventory.SeatCounts;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A ticket type as the API shows it, with its live counts and the tier in force (none:
 * its own price). {@code priceCents} is what one ticket costs now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TicketType")
public record TicketTypeView(UUID id, String name, TicketKind kind, int priceCents, int basePriceCents,
		@Nullable Integer minPerOrder, @Nullable Integer maxPerOrder, @Nullable List<String> sections,
		@Nullable List<UUID> pools, List<TierView> tiers, @Nullable TierView currentTier, @Nullable SeatCounts counts) {

	/** A price tier; {@code counts} for one limited in quantity. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "PriceTier")
	public record TierView(UUID id, String name, int priceCents, @Nullable Integer quantity, @Nullable Instant until,
			@Nullable SeatCounts counts) {
	}

	/** A capacity pool with its live counts. */
	@Schema(name = "CapacityPool")
	public record PoolView(UUID id, String name, SeatCounts counts) {
	}

}
