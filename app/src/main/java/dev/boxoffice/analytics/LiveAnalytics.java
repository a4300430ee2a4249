package dev.boxoffice.analytics;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The live figures of each watched event, computed once per
 * {@code boxoffice.analytics.live-interval} on this instance however many organizers
 * watch it (four small reads: the facts' totals and the seat counts in PostgreSQL, the
 * held set's size and two hold totals in Redis), written as JSON once, and shared by all
 * of them; the reading stops when the last one leaves. A reading that fails is skipped:
 * the next one comes a tick later.
 */
@Component
class LiveAnalytics {

	private final Analytics analytics;

	private final Duration interval;

	private final Map<UUID, Flux<String>> watched = new ConcurrentHashMap<>();

	private final JsonMapper json;

	LiveAnalytics(Analytics analytics, AnalyticsProperties properties, MeterRegistry registry, JsonMapper json) {
		this.analytics = analytics;
		this.json = json;
		this.interval = properties.liveInterval();
		registry.gauge("boxoffice.analytics.live.events", this.watched, Map::size);
	}

	/** The event's figures, each reading written as JSON once for all its watchers. */
	Flux<String> figures(UUID eventId) {
		return this.watched.computeIfAbsent(eventId, this::reading);
	}

	private Flux<String> reading(UUID eventId) {
		Flux<String>[] self = new Flux[1];
		self[0] = Flux.interval(Duration.ZERO, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> this.analytics.live(eventId).onErrorResume((ex) -> Mono.empty()), 1)
			.map(this.json::writeValueAsString)
			.doFinally((signal) -> this.watched.remove(eventId, self[0]))
			.replay(1)
			.refCount();
		return self[0];
	}

}
