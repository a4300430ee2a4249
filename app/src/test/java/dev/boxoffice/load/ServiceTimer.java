package dev.boxoffice.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A timer the service publishes on its Prometheus scrape, with its p50 and p99 (the
 * service's own percentiles, over its recent window) and its count, in milliseconds.
 */
final class ServiceTimer {

	private ServiceTimer() {
	}

	/** {@code prefix}P50Ms, P99Ms and Count, from {@code scrape}; absent if not found. */
	static Map<String, Object> read(String scrape, String timer, String prefix) {
		Map<String, Object> found = new LinkedHashMap<>();
		for (String line : scrape.split("\n")) {
			if (line.startsWith(timer + "{") && line.contains("quantile=\"0.5\"")) {
				found.put(prefix + "P50Ms", millis(line));
			}
			else if (line.startsWith(timer + "{") && line.contains("quantile=\"0.99\"")) {
				found.put(prefix + "P99Ms", millis(line));
			}
			else if (line.startsWith(timer + "_count")) {
				found.put(prefix + "Count", (long) value(line));
			}
		}
		return found;
	}

	private static long millis(String line) {
		return Math.round(value(line) * 1000);
	}

	private static double value(String line) {
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

}
