package dev.boxoffice.platform.observability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

/**
 * Counters of what the service sells, scraped at {@code /actuator/prometheus}. Each
 * counts what this instance did; a deployment's figure is the sum over its instances.
 * Callers count a change only where it took place (the statement that made it affected a
 * row), so recovery finishing an order, or two instances racing for it, count it once.
 */
@Component
public class BusinessMetrics {

	private final MeterRegistry registry;

	private final boolean eventTag;

	/**
	 * The counters made so far, by name and tags: found again without building an id and
	 * looking it up in the registry on every sale.
	 */
	private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

	public BusinessMetrics(MeterRegistry registry, MetricsProperties properties) {
		this.registry = registry;
		this.eventTag = properties.eventTag();
	}

	/**
	 * Adds {@code amount} to the counter {@code name} with the given tags (name, value
	 * pairs of few values each), and the event's id when so configured.
	 */
	public void count(String name, String description, UUID eventId, double amount, String... tags) {
		List<String> key = new ArrayList<>(tags.length + 2);
		key.add(name);
		key.addAll(Arrays.asList(tags));
		if (this.eventTag) {
			key.add(eventId.toString());
		}
		this.counters.computeIfAbsent(key, (k) -> {
			Tags all = Tags.of(tags);
			if (this.eventTag) {
				all = all.and("event", eventId.toString());
			}
			return Counter.builder(name).description(description).tags(all).register(this.registry);
		}).increment(amount);
	}

}
