package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A buyer's own entry as the buyer sees it: {@code position} is its 1-based place among
 * the waiting entries in line order and {@code ahead} how many wait before it (both
 * absent unless it is WAITING); {@code section} is absent for any seats; {@code offer} is
 * there while it is OFFERED: buy its hold ({@code POST /api/orders}) before it expires,
 * or decline it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "WaitlistPlace")
record WaitlistPlace(UUID entryId, UUID eventId, WaitlistState state, @Nullable Long position, @Nullable Long ahead,
		int quantity, @Nullable String section, WaitlistTier tier, Instant joinedAt, @Nullable Offer offer) {

	static WaitlistPlace of(WaitlistEntry entry, @Nullable Long position, @Nullable WaitlistOffer offer) {
		return new WaitlistPlace(entry.id(), entry.eventId(), entry.state(), position,
				(position != null) ? position - 1 : null, entry.quantity(), entry.section(), entry.tier(),
				entry.joinedAt(), (offer != null) ? Offer.of(offer) : null);
	}

	/**
	 * A live offer: its seats, held for the buyer as {@code holdId} until
	 * {@code expiresAt}.
	 */
	@Schema(name = "WaitlistOffer")
	record Offer(UUID offerId, String holdId, List<String> seatIds, long totalCents, String currency,
			Instant expiresAt) {

		static Offer of(WaitlistOffer offer) {
			return new Offer(offer.id(), offer.holdId(), offer.seatIds(), offer.totalCents(), offer.currency(),
					offer.expiresAt());
		}

	}

}
