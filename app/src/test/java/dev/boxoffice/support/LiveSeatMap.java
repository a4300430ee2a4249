package dev.boxoffice.support;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A watcher of an event's live seat stream that keeps the picture a seat-map page would
 * show: each snapshot replaces it, each change updates one seat. Tests compare it with
 * the truth in PostgreSQL and Redis.
 */
public final class LiveSeatMap implements AutoCloseable {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	/** Seats shown HELD or SOLD; any other seat is shown AVAILABLE. */
	private final Map<String, String> shown = new ConcurrentHashMap<>();

	private final AtomicInteger snapshots = new AtomicInteger();

	private final Disposable subscription;

	private LiveSeatMap(WebClient client, UUID eventId) {
		this.subscription = client.get()
			.uri("/api/events/{id}/seats/stream", eventId)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(SSE)
			.subscribe(this::show, (ex) -> {
			});
	}

	/** Connects to the service at {@code baseUrl}, watching {@code eventId}. */
	public static LiveSeatMap watch(String baseUrl, UUID eventId) {
		return new LiveSeatMap(WebClient.create(baseUrl), eventId);
	}

	private void show(ServerSentEvent<String> event) {
		if (event.data() == null) {
			return;
		}
		JsonNode body = JsonMapper.shared().readTree(event.data());
		if ("snapshot".equals(event.event())) {
			this.shown.clear();
			body.path("held").forEach((seat) -> this.shown.put(seat.asString(), "HELD"));
			body.path("sold").forEach((seat) -> this.shown.put(seat.asString(), "SOLD"));
			this.snapshots.incrementAndGet();
		}
		else if ("seat".equals(event.event())) {
			String seat = body.path("seatId").asString();
			String status = body.path("status").asString();
			if ("AVAILABLE".equals(status)) {
				this.shown.remove(seat);
			}
			else {
				this.shown.put(seat, status);
			}
		}
	}

	/** What a seat is shown as now. */
	public String status(String seatId) {
		return this.shown.getOrDefault(seatId, "AVAILABLE");
	}

	/** How many snapshots the stream has sent. */
	public int snapshots() {
		return this.snapshots.get();
	}

	/** Waits until the first snapshot has arrived. */
	public LiveSeatMap connected() {
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.snapshots.get() > 0);
		return this;
	}

	@Override
	public void close() {
		this.subscription.dispose();
	}

}
