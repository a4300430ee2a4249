package dev.boxoffice.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.json.JsonMapper;

/**
 * Counts of what buyers were answered, by kind. Gatling's report counts requests by name
 * and OK/KO; these tell a confirmed purchase from a declined one, which is what the
 * purchase rate is made of.
 */
final class Outcomes {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	void count(String outcome) {
		this.counts.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
	}

	long get(String outcome) {
		LongAdder count = this.counts.get(outcome);
		return (count != null) ? count.sum() : 0;
	}

	Map<String, Long> snapshot() {
		Map<String, Long> copy = new TreeMap<>();
		this.counts.forEach((key, value) -> copy.put(key, value.sum()));
		return copy;
	}

	/**
	 * Writes the counts, and anything else the run measured, as JSON to
	 * {@code -Doutcomes-file}.
	 */
	static void write(String simulation, Map<String, Object> measured) {
		String file = LoadSettings.text("outcomes-file", "");
		Map<String, Object> all = new TreeMap<>(measured);
		all.put("simulation", simulation);
		String text = JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(all);
		System.out.println("Outcomes of " + simulation + ": " + text);
		if (file.isEmpty()) {
			return;
		}
		try {
			Path path = Path.of(file);
			if (path.getParent() != null) {
				Files.createDirectories(path.getParent());
			}
			Files.writeString(path, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
