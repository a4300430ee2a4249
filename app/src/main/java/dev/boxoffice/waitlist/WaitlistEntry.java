package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/** One entry of a waitlist as stored. */
record WaitlistEntry(UUID id, UUID eventId, UUID buyerId, int quantity, @Nullable String section, WaitlistTier tier,
		@Nullable String priorityReason, WaitlistState state, Instant joinedAt, Instant updatedAt, long version,
		int requeued) {

	static final String COLUMNS = "id, event_id, buyer_id, quantity, section_code, tier, priority_reason, state, "
			+ "joined_at, updated_at, version, requeued";

	static WaitlistEntry of(Readable row) {
		return new WaitlistEntry(row.get("id", UUID.class), row.get("event_id", UUID.class),
				row.get("buyer_id", UUID.class), row.get("quantity", Integer.class),
				row.get("section_code", String.class), WaitlistTier.valueOf(row.get("tier", String.class)),
				row.get("priority_reason", String.class), WaitlistState.valueOf(row.get("state", String.class)),
				row.get("joined_at", Instant.class), row.get("updated_at", Instant.class),
				row.get("version", Long.class), row.get("requeued", Integer.class));
	}

}
