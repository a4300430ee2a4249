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
	 * not on the one thread that reads the shared connection: otherwise everything that
	 * follows every reply queues on that one thread. The change feed's fan-out to
	 * thousands of watchers is handed off by {@code SeatFeed} itself as well (it made
	 * HGETALLs time out after 2 s with 2,000 watchers, found by the bench). With
	 * {@code boxoffice.io.redis-replies-handed-off=false} the rest goes on on the
	 * connection's thread: the bench's interleaved A/B runs measured a fifth fewer
	 * context switches a buyer that way, but no less CPU, and under 2,000 watchers more
	 * holds refused (docs/performance.md, fifth series).
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer whereRepliesGoOn(IoProperties properties) {
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
