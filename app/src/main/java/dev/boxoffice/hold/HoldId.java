package dev.boxoffice.hold;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * A hold's id names its event, so that its Redis keys (tagged by event) can be found from
 * the id alone: {@code h} + base64url(event uuid, 8 random bytes).
 */
final class HoldId {

	private HoldId() {
	}

	static String next(UUID eventId) {
		ByteBuffer bytes = ByteBuffer.allocate(24);
		bytes.putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits());
		bytes.putLong(ThreadLocalRandom.current().nextLong());
		return "h" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
	}

	/** The event of a hold id, or null if it is not one. */
	static @Nullable UUID eventOf(String holdId) {
		if (holdId.length() != 33 || holdId.charAt(0) != 'h') {
			return null;
		}
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(holdId.substring(1));
			if (bytes.length != 24) {
				// Padded text of an id's length decodes to fewer bytes: no id made here.
				return null;
			}
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			return new UUID(buffer.getLong(), buffer.getLong());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
