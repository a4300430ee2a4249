package dev.boxoffice.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.platform.redis.LuaScripts;
import dev.boxoffice.platform.redis.RedisKeyspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

/**
 * A user's own notifications (a hold about to expire, an order confirmed or failed), kept
 * in a short Redis stream per user for a day, so that any instance can deliver them and a
 * reconnecting client can resume. Sending one never fails the caller's work.
 */
@Service
public class UserNotifications {

	private static final Logger log = LoggerFactory.getLogger(UserNotifications.class);

	private static final long KEEP = 100;

	private static final Duration LIFETIME = Duration.ofDays(1);

	private final RedisScript<String> notify = LuaScripts.load("notify.lua", String.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeyspace keyspace;

	UserNotifications(ReactiveStringRedisTemplate redis, RedisKeyspace keyspace) {
		this.redis = redis;
		this.keyspace = keyspace;
	}

	/** Sends {@code type} with its fields to the user; best effort. */
	public Mono<Void> send(UUID userId, String type, Map<String, String> fields) {
		Map<String, String> body = new LinkedHashMap<>(fields);
		body.put("type", type);
		List<String> args = new ArrayList<>(2 + 2 * body.size());
		args.add(Long.toString(KEEP));
		args.add(Long.toString(LIFETIME.toMillis()));
		body.forEach((field, value) -> {
			args.add(field);
			args.add(value);
		});
		return this.redis.execute(this.notify, List.of(key(userId)), args).then().onErrorResume((ex) -> {
			log.debug("Could not notify {} of {}", userId, type, ex);
			return Mono.empty();
		});
	}

	/** The user's notifications after {@code position}, oldest first. */
	Flux<Notification> after(UUID userId, String position) {
		return this.redis.opsForStream()
			.range(key(userId), Range.leftOpen(position, "+"), Limit.limit().count(100))
			.map(UserNotifications::notification);
	}

	/** The position of the user's newest notification ("0-0" for none). */
	Mono<String> tail(UUID userId) {
		return this.redis.opsForStream()
			.reverseRange(key(userId), Range.unbounded(), Limit.limit().count(1))
			.next()
			.map((record) -> record.getId().getValue())
			.defaultIfEmpty("0-0");
	}

	private String key(UUID userId) {
		return this.keyspace.key("notes", "{u:" + userId + "}");
	}

	private static Notification notification(MapRecord<String, Object, Object> record) {
		Map<String, String> fields = new LinkedHashMap<>();
		record.getValue().forEach((name, value) -> fields.put(String.valueOf(name), String.valueOf(value)));
		return new Notification(record.getId().getValue(), fields.remove("type"), fields);
	}

	/** One notification: its stream position, type, and fields. */
	record Notification(String id, String type, Map<String, String> fields) {
	}

}
