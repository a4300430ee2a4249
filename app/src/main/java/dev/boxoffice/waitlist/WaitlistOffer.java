package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/** An offer of freed seats to a waitlist entry, as stored. */
record WaitlistOffer(UUID id, UUID entryId, UUID eventId, UUID buyerId, String holdId, List<String> seatIds,
		long totalCents, String currency, OfferState state, Instant freedAt, Instant offeredAt, Instant expiresAt,
		@Nullable Instant endedAt) {

	static final String COLUMNS = "id, entry_id, event_id, buyer_id, hold_id, seat_ids, total_cents, currency, state, "
			+ "freed_at, offered_at, expires_at, ended_at";

	static WaitlistOffer of(Readable row) {
		String[] seats = row.get("seat_ids", String[].class);
		return new WaitlistOffer(row.get("id", UUID.class), row.get("entry_id", UUID.class),
				row.get("event_id", UUID.class), row.get("buyer_id", UUID.class), row.get("hold_id", String.class),
				(seats != null) ? Arrays.asList(seats) : List.of(), row.get("total_cents", Long.class),
				row.get("currency", String.class), OfferState.valueOf(row.get("state", String.class)),
				row.get("freed_at", Instant.class), row.get("offered_at", Instant.class),
				row.get("expires_at", Instant.class), row.get("ended_at", Instant.class));
	}

	/**
	 * An offer's state: LIVE until it is bought, declined, expires, or its event ends.
	 */
	enum OfferState {

		LIVE, PURCHASED, DECLINED, EXPIRED, ENDED

	}

}
