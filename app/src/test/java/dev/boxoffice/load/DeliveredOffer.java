package dev.boxoffice.load;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code waitlist-offer} as its buyer's stream delivered it: which buyer (the index of
 * their stream), the offer, its hold and seats, when it ends, and when it arrived here.
 * {@code ended} is set once the buyer has answered it (bought, declined, paid with a bad
 * card): from then on its seats may be offered to someone else.
 */
final class DeliveredOffer {

	private static final JsonMapper json = JsonMapper.builder().build();

	final int buyer;

	final String offerId;

	final String holdId;

	final List<String> seatIds;

	final long expiresAt;

	final long arrivedAt;

	volatile boolean ended;

	private DeliveredOffer(int buyer, String offerId, String holdId, List<String> seatIds, long expiresAt,
			long arrivedAt) {
		this.buyer = buyer;
		this.offerId = offerId;
		this.holdId = holdId;
		this.seatIds = seatIds;
		this.expiresAt = expiresAt;
		this.arrivedAt = arrivedAt;
	}

	/** Reads the event's data (JSON, every field a string). */
	static DeliveredOffer read(int buyer, String data, long arrivedAt) {
		JsonNode fields = json.readTree(data);
		return new DeliveredOffer(buyer, fields.path("offerId").asString(), fields.path("holdId").asString(),
				Arrays.asList(fields.path("seatIds").asString().split(",")),
				Instant.parse(fields.path("expiresAt").asString()).toEpochMilli(), arrivedAt);
	}

}
