package dev.boxoffice.live;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One change of one seat, or of the places of one allotment (a {@code pool} event: a
 * capacity pool's, a limited tier's or a general-admission type's counts after the
 * change), as the feed holds it; {@code id} is its position in the feed. Its SSE text is
 * made once, however many watchers it is sent to.
 */
final class FeedEntry {

	private final String id;

	private final String seatId;

	private final String status;

	private final long millis;

	private final long sequence;

	private volatile String text;

	private final @Nullable Places places;

	/** The data of a {@code pool} event, fields in this order. */
	private record Places(String id, long available, long held, long sold, String seq) {
	}

	FeedEntry(String id, String seatId, String status) {
		this(id, seatId, status, null);
	}

	private FeedEntry(String id, String seatId, String status, @Nullable Places places) {
		this.places = places;
		this.id = id;
		this.seatId = seatId;
		this.status = status;
		int dash = id.indexOf('-');
		this.millis = Long.parseLong(id.substring(0, dash));
		this.sequence = Long.parseLong(id.substring(dash + 1));
	}

	static FeedEntry ofPlaces(String id, String allotment, long available, long held, long sold) {
		return new FeedEntry(id, "", "", new Places(allotment, available, held, sold, id));
	}

	String id() {
		return this.id;
	}

	String seatId() {
		return this.seatId;
	}

	String status() {
		return this.status;
	}

	/** When the change entered the feed (Redis's clock, epoch ms). */
	long millis() {
		return this.millis;
	}

	/** Whether this entry comes after the feed position {@code other} ("ms-seq"). */
	boolean isAfter(String other) {
		int dash = other.indexOf('-');
		long otherMillis = Long.parseLong(other.substring(0, dash));
		return (this.millis != otherMillis) ? this.millis > otherMillis
				: this.sequence > Long.parseLong(other.substring(dash + 1));
	}

	/** The data of a {@code seat} event, fields in this order. */
	private record Change(String seatId, String status, String seq) {
	}

	/** The {@code seat} event announcing this change, as SSE text. */
	String text() {
		String made = this.text;
		if (made == null) {
			made = (this.places != null)
					? SseText.event(this.id, "pool", null, JsonMapper.shared().writeValueAsString(this.places))
					: SseText.event(this.id, "seat", null,
							JsonMapper.shared().writeValueAsString(new Change(this.seatId, this.status, this.id)));
			this.text = made;
		}
		return made;
	}

}
