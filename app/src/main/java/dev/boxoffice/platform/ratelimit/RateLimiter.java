package dev.boxoffice.platform.ratelimit;

import java.time.Duration;
import java.util.List;

import dev.boxoffice.platform.redis.LuaScripts;
import dev.boxoffice.platform.redis.RedisKeyspace;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis: one script call (by SHA) per request, atomic across instances.
 */
@Component
class RateLimiter {

	/** The answer for one request: allowed, or how long until it would be. */
	record Decision(boolean allowed, Duration retryAfter) {
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
		List<String> keys = List.of(this.keyspace.key("rl", name));
		List<String> args = List.of(Integer.toString(perMinute), Long.toString(WINDOW.toMillis()));
		return this.redis.execute(this.tokenBucket, keys, args).next().map((result) -> {
			List<?> values = (List<?>) result;
			boolean allowed = ((Number) values.get(0)).longValue() == 1;
			return new Decision(allowed, Duration.ofMillis(((Number) values.get(1)).longValue()));
		});
	}

}
