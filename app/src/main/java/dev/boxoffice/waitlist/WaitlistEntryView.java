package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An entry as the event's organizer sees it: whose it is, what it asks for, its tier with
 * the reason given for the last change of tier, and its state.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "WaitlistEntry")
record WaitlistEntryView(UUID entryId, UUID buyerId, WaitlistState state, int quantity, @Nullable String section,
		WaitlistTier tier, @Nullable String priorityReason, int requeued, Instant joinedAt, Instant updatedAt) {

	static WaitlistEntryView of(WaitlistEntry entry) {
		return new WaitlistEntryView(entry.id(), entry.buyerId(), entry.state(), entry.quantity(), entry.section(),
				entry.tier(), entry.priorityReason(), entry.requeued(), entry.joinedAt(), entry.updatedAt());
	}

}
