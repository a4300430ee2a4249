package dev.boxoffice.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durations in 1 ms buckets up to a minute (longer ones count as a minute), lock-free.
 */
final class Histogram {

	private static final int MAX_MILLIS = 60_000;

	private final AtomicLongArray counts = new AtomicLongArray(MAX_MILLIS + 1);

	void record(long millis) {
		this.counts.incrementAndGet((int) Math.max(0, Math.min(MAX_MILLIS, millis)));
	}

	long count() {
		long total = 0;
		for (int i = 0; i <= MAX_MILLIS; i++) {
			total += this.counts.get(i);
		}
		return total;
	}

	/**
	 * The smallest duration at or under which {@code share} of the records lie; -1 if
	 * none.
	 */
	long percentile(double share) {
		long total = count();
		if (total == 0) {
			return -1;
		}
		long rank = Math.max(1, (long) Math.ceil(share * total));
		long seen = 0;
		for (int i = 0; i <= MAX_MILLIS; i++) {
			seen += this.counts.get(i);
			if (seen >= rank) {
				return i;
			}
		}
		return MAX_MILLIS;
	}

	/** Count, p50, p95, p99 and max, with {@code prefix} before each name. */
	Map<String, Object> summary(String prefix) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put(prefix + "Count", count());
		summary.put(prefix + "P50Ms", percentile(0.50));
		summary.put(prefix + "P95Ms", percentile(0.95));
		summary.put(prefix + "P99Ms", percentile(0.99));
		summary.put(prefix + "MaxMs", percentile(1.0));
		return summary;
	}

}
