package dev.boxoffice.analytics;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The live figures of each watched event, computed once per
 * {@code boxoffice.analytics.live-interval} on this instance however many organizers
 * watch it (three queries: the facts' totals, the seat counts, the hold statistics), and
 * shared by all of them; the reading stops when the last one leaves. A reading that fails
 * is skipped: the next one comes a tick later.
 */
@Component
class LiveAnalytics {

	private final Analytics analytics;

	private final Duration interval;

	private final Map<UUID, Flux<LiveFigures>> watched = new ConcurrentHashMap<>();

	LiveAnalytics(Analytics analytics, AnalyticsProperties properties, MeterRegistry registry) {
		this.analytics = analytics;
		this.interval = properties.liveInterval();
		registry.gauge("boxoffice.analytics.live.events", this.watched, Map::size);
	}

	Flux<LiveFigures> figures(UUID eventId) {
		return this.watched.computeIfAbsent(eventId, this::reading);
	}

	private Flux<LiveFigures> reading(UUID eventId) {
		Flux<LiveFigures>[] self = new Flux[1];
		self[0] = Flux.interval(Duration.ZERO, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> this.analytics.live(eventId).onErrorResume((ex) -> Mono.empty()), 1)
			.doFinally((signal) -> this.watched.remove(eventId, self[0]))
			.replay(1)
			.refCount();
		return self[0];
	}

}
