package dev.boxoffice.platform.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the Redis client behaves when Redis goes away. Timeouts come from
 * {@code spring.data.redis.timeout} and {@code spring.data.redis.connect-timeout}.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

	/**
	 * Commands are rejected while disconnected instead of queued: a request that needs
	 * Redis fails fast (and readiness turns DOWN) rather than piling up in memory.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhenDisconnected() {
		return (builder) -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Replies are handed to the rest of each request on Lettuce's computation threads,
	 * not on the one thread that reads the shared connection. Otherwise whatever follows
	 * a reply — a change fanned out to thousands of watchers, a purchase's next steps —
	 * runs before the next reply can be read, and under load other commands waited past
	 * their timeout (found by the bench: HGETALL timing out after 2 s with 2,000
	 * watchers). The change feed's fan-out is handed off by itself too, so that with
	 * {@code boxoffice.io.redis-replies-handed-off=false} (an experiment for the bench:
	 * docs/performance.md has its A/B run) only the small steps after a reply run on the
	 * connection's thread.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer repliesOffTheConnectionThread(IoProperties properties) {
		return (builder) -> builder.publishOnScheduler(properties.redisRepliesHandedOff());
	}

	/**
	 * Reconnect attempts back off to at most one every two seconds (Lettuce's default
	 * reaches 30 s), so the service is ready again soon after Redis returns.
	 */
	@Bean
	ClientResourcesBuilderCustomizer boundedReconnectDelay() {
		return (builder) -> builder
			.reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
	}

}
