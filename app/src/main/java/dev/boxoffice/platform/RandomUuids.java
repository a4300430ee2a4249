package dev.boxoffice.platform;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs from {@link ThreadLocalRandom}: unique, cheap and safe on an
 * event loop, but not unguessable. {@code UUID.randomUUID()} reads the blocking
 * SecureRandom source; use it (off the event loop) only where guessing matters.
 */
public final class RandomUuids {

	private RandomUuids() {
	}

	public static UUID next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
		return new UUID(high, low);
	}

}
