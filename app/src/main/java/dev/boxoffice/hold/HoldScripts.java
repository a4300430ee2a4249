package dev.boxoffice.hold;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.inventory.EventKeys;
import dev.boxoffice.platform.redis.LuaScripts;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** The Redis side of seat state: each change is one atomic script call. */
@Component
class HoldScripts {

	/** Outcome of a hold attempt: the expiry, or the seats that were taken. */
	record Attempt(boolean held, long expiresAtMillis, List<String> unavailable) {
	}

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> hold = LuaScripts.load("hold.lua", List.class);

	private final RedisScript<Long> release = LuaScripts.load("release.lua", Long.class);

	private final RedisScript<Long> claim = LuaScripts.load("claim.lua", Long.class);

	private final RedisScript<Long> sell = LuaScripts.load("sell.lua", Long.class);

	private final RedisScript<Long> unsell = LuaScripts.load("unsell.lua", Long.class);

	private final RedisScript<Long> expire = LuaScripts.load("expire.lua", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final EventKeys keys;

	private final HoldProperties properties;

	HoldScripts(ReactiveStringRedisTemplate redis, EventKeys keys, HoldProperties properties) {
		this.redis = redis;
		this.keys = keys;
		this.properties = properties;
	}

	Mono<Attempt> hold(UUID eventId, String holdId, List<String> seatIds, Map<String, String> record) {
		List<String> keyList = new ArrayList<>(List.of(this.keys.held(eventId), this.keys.hold(eventId, holdId),
				this.keys.feed(eventId), this.keys.sold(eventId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(holdId, Long.toString(this.properties.ttl().toMillis()),
				feedLength(), Integer.toString(seatIds.size())));
		args.addAll(seatIds);
		record.forEach((field, value) -> {
			args.add(field);
			args.add(value);
		});
		return this.redis.execute(this.hold, keyList, args)
			.next()
			.map((result) -> {
				List<?> values = (List<?>) result;
				if (((Number) values.get(0)).longValue() == 1) {
					return new Attempt(true, ((Number) values.get(1)).longValue(), List.of());
				}
				return new Attempt(false, 0, ((List<?>) values.get(1)).stream().map(Object::toString).toList());
			})
			.flatMap((attempt) -> attempt.held()
					? this.redis.opsForSet().add(this.keys.eventsWithHolds(), eventId.toString()).thenReturn(attempt)
					: Mono.just(attempt));
	}

	/** Releases the hold's seats; -1 if a purchase other than {@code orderId} ("" for the buyer) has it. */
	Mono<Long> release(UUID eventId, String holdId, Collection<String> seatIds, String orderId) {
		List<String> keyList = new ArrayList<>(
				List.of(this.keys.held(eventId), this.keys.hold(eventId, holdId), this.keys.feed(eventId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(holdId, feedLength(), orderId));
		args.addAll(seatIds);
		return this.redis.execute(this.release, keyList, args).next();
	}

	Mono<Boolean> claim(UUID eventId, String holdId, Collection<String> seatIds, String orderId, long keepMillis) {
		List<String> keyList = new ArrayList<>(List.of(this.keys.held(eventId), this.keys.hold(eventId, holdId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(holdId, orderId, Long.toString(keepMillis)));
		args.addAll(seatIds);
		return this.redis.execute(this.claim, keyList, args).next().map((claimed) -> claimed == 1L);
	}

	Mono<Long> sell(UUID eventId, String holdId, Collection<String> seatIds) {
		List<String> keyList = new ArrayList<>(List.of(this.keys.held(eventId), this.keys.hold(eventId, holdId),
				this.keys.feed(eventId), this.keys.sold(eventId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(feedLength()));
		args.addAll(seatIds);
		return this.redis.execute(this.sell, keyList, args).next();
	}

	Mono<Long> unsell(UUID eventId, Collection<String> seatIds) {
		List<String> args = new ArrayList<>(List.of(feedLength()));
		args.addAll(seatIds);
		return this.redis.execute(this.unsell, List.of(this.keys.feed(eventId), this.keys.sold(eventId)), args).next();
	}

	Mono<Long> expire(UUID eventId, List<String> seatIds) {
		List<String> keyList = new ArrayList<>(List.of(this.keys.held(eventId), this.keys.feed(eventId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(feedLength()));
		args.addAll(seatIds);
		return this.redis.execute(this.expire, keyList, args).next();
	}

	private String feedLength() {
		return Integer.toString(this.properties.feedLength());
	}

}
