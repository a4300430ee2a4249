package dev.boxoffice.platform.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.boxoffice.platform.redis.LuaScripts;
import dev.boxoffice.platform.redis.RedisKeyspace;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis: one script call (by SHA) per request, atomic across instances.
 * The call can also read the request's other per-request keys, so that a request pays one
 * round trip to Redis for both.
 */
@Component
class RateLimiter {

	/** The answer for one request: allowed, or how long until it would be. */
	record Decision(boolean allowed, Duration retryAfter) {
	}

	/** A decision, and the values of the keys read with it (null where absent). */
	record DecisionAndValues(Decision decision, List<@Nullable String> values) {
	}

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> tokenBucket = LuaScripts.load("token-bucket.lua", List.class);

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeyspace keyspace;

	RateLimiter(ReactiveStringRedisTemplate redis, RedisKeyspace keyspace) {
		this.redis = redis;
		this.keyspace = keyspace;
	}

	/** Takes one request from the bucket {@code name} that holds {@code perMinute}. */
	Mono<Decision> tryAcquire(String name, int perMinute) {
		return tryAcquireReading(name, perMinute, List.of()).map(DecisionAndValues::decision);
	}

	/**
	 * Takes one request from the bucket {@code name} and reads {@code keys} (full keys),
	 * in one call.
	 */
	Mono<DecisionAndValues> tryAcquireReading(String name, int perMinute, List<String> keys) {
		List<String> keyList = new ArrayList<>(keys.size() + 1);
		keyList.add(this.keyspace.key("rl", name));
		keyList.addAll(keys);
		List<String> args = List.of(Integer.toString(perMinute), Long.toString(WINDOW.toMillis()));
		return this.redis.execute(this.tokenBucket, keyList, args).next().map((result) -> {
			List<?> answer = (List<?>) result;
			boolean allowed = ((Number) answer.get(0)).longValue() == 1;
			Decision decision = new Decision(allowed, Duration.ofMillis(((Number) answer.get(1)).longValue()));
			List<@Nullable String> values = new ArrayList<>(keys.size());
			for (int i = 0; i < keys.size(); i++) {
				// An absent key is the script's false, which Redis answers as nil.
				Object value = answer.get(3 + i);
				values.add((value != null) ? value.toString() : null);
			}
			return new DecisionAndValues(decision, values);
		});
	}

}
