package dev.boxoffice.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads an event's change feed: the Redis stream of its seat changes, in the order they
 * happened, which the seat scripts append to. Positions are stream ids ("ms-seq").
 */
@Component
public class ChangeFeed {

	/**
	 * One change: its position, the seat, its new status; or, for a change of places, the
	 * allotment (pool, tier or general-admission type) and its counts after it.
	 */
	public record Change(String position, String seatId, String status, @Nullable String allotment, long available,
			long held, long sold) {
	}

	private final ReactiveStringRedisTemplate redis;

	private final EventKeys keys;

	ChangeFeed(ReactiveStringRedisTemplate redis, EventKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/** The position of the feed's newest entry ("0-0" for an empty feed). */
	public Mono<String> tail(UUID eventId) {
		return this.redis.opsForStream()
			.reverseRange(this.keys.feed(eventId), Range.unbounded(), Limit.limit().count(1))
			.next()
			.map((record) -> record.getId().getValue())
			.defaultIfEmpty("0-0");
	}

	/** Changes after {@code position}, oldest first, at most {@code count}. */
	public Flux<Change> after(UUID eventId, String position, int count) {
		return this.redis.opsForStream()
			.range(this.keys.feed(eventId), Range.leftOpen(position, "+"), Limit.limit().count(count))
			.map(ChangeFeed::change);
	}

	/**
	 * Changes from {@code position} on, the one at it included (if the feed still has
	 * it).
	 */
	public Mono<List<Change>> from(UUID eventId, String position, int count) {
		return this.redis.opsForStream()
			.range(this.keys.feed(eventId), Range.closed(position, "+"), Limit.limit().count(count))
			.map(ChangeFeed::change)
			.collectList();
	}

	/** Whether the feed still holds the entry at {@code position}. */
	public Mono<Boolean> holds(UUID eventId, String position) {
		return this.redis.opsForStream().range(this.keys.feed(eventId), Range.closed(position, position)).hasElements();
	}

	private static Change change(MapRecord<String, Object, Object> record) {
		Map<Object, Object> fields = record.getValue();
		Object allotment = fields.get("allotment");
		if (allotment != null) {
			return new Change(record.getId().getValue(), "", "", allotment.toString(), number(fields, "available"),
					number(fields, "held"), number(fields, "sold"));
		}
		return new Change(record.getId().getValue(), String.valueOf(fields.get("seat")),
				String.valueOf(fields.get("status")), null, 0, 0, 0);
	}

	private static long number(Map<Object, Object> fields, String name) {
		Object value = fields.get(name);
		return (value != null) ? Long.parseLong(value.toString()) : 0;
	}

}
