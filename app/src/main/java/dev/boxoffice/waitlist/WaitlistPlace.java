package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A buyer's own entry as the buyer sees it: {@code position} is its 1-based place among
 * the waiting entries in line order and {@code ahead} how many wait before it (both
 * absent unless it is WAITING); {@code section} is absent for any seats.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "WaitlistPlace")
record WaitlistPlace(UUID entryId, UUID eventId, WaitlistState state, @Nullable Long position, @Nullable Long ahead,
		int quantity, @Nullable String section, WaitlistTier tier, Instant joinedAt) {

	static WaitlistPlace of(WaitlistEntry entry, @Nullable Long position) {
		return new WaitlistPlace(entry.id(), entry.eventId(), entry.state(), position,
				(position != null) ? position - 1 : null, entry.quantity(), entry.section(), entry.tier(),
				entry.joinedAt());
	}

}
