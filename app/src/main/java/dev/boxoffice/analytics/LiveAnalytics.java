package dev.boxoffice.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.inventory.SeatInventory;
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

	private final AnalyticsQueries queries;

	private final SeatInventory inventory;

	private final HoldIndex index;

	private final Duration interval;

	private final Map<UUID, Flux<String>> watched = new ConcurrentHashMap<>();

	private final JsonMapper json;

	LiveAnalytics(AnalyticsQueries queries, SeatInventory inventory, HoldIndex index, AnalyticsProperties properties,
			MeterRegistry registry, JsonMapper json) {
		this.queries = queries;
		this.inventory = inventory;
		this.index = index;
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
			.concatMap((tick) -> live(eventId).onErrorResume((ex) -> Mono.empty()), 1)
			.map(this.json::writeValueAsString)
			.doFinally((signal) -> this.watched.remove(eventId, self[0]))
			.replay(1)
			.refCount();
		return self[0];
	}

	/** The event's figures now. */
	Mono<LiveFigures> live(UUID eventId) {
		return Mono
			.zip(this.queries.liveTotals(eventId), this.inventory.quickCounts(eventId),
					this.index.statsTotals(eventId, List.of("holds", "bought")))
			.map((found) -> {
				long[] money = found.getT1();
				long taken = found.getT3().get(0);
				long bought = found.getT3().get(1);
				return new LiveFigures(Instant.now(), money[0], money[1], money[2], money[1] - money[2],
						money[3] / 10.0, taken, bought, (taken > 0) ? (double) bought / taken : null,
						found.getT2().available(), found.getT2().held(), found.getT2().capacity());
			});
	}

}
