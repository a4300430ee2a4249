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
	 * What follows a Redis reply runs on the thread that read it, unless
	 * {@code boxoffice.io.redis-replies-handed-off} hands it to Lettuce's computation
	 * threads. Handing off every reply cost a wake-up and a thread switch a reply: the
	 * bench's A/B run measured a buyer's context switches 22 % and system calls 17 %
	 * fewer without it (docs/performance.md, fifth series). What must not run on that
	 * thread is work long enough to hold up the replies behind it: the change feed's
	 * fan-out to thousands of watchers did (HGETALLs timing out after 2 s with 2,000
	 * watchers, found by the bench), and {@code SeatFeed} hands it off by itself.
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
