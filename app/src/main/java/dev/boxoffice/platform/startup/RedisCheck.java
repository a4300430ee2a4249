package dev.boxoffice.platform.startup;

import java.time.Duration;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/** Sends one PING on the start-up thread and waits for the answer. */
final class RedisCheck {

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final DataRedisConnectionDetails details;

	private final Duration timeout;

	RedisCheck(ReactiveRedisConnectionFactory connectionFactory, DataRedisConnectionDetails details, Duration timeout) {
		this.connectionFactory = connectionFactory;
		this.details = details;
		this.timeout = timeout;
	}

	void verify() {
		try (ReactiveRedisConnection connection = this.connectionFactory.getReactiveConnection()) {
			// Start-up runs on the main thread, never on an event loop: waiting here is
			// the point.
			connection.ping().block(this.timeout);
		}
		catch (RuntimeException ex) {
			throw new BackingServiceUnavailableException(BackingService.REDIS, address(), ex);
		}
	}

	private String address() {
		DataRedisConnectionDetails.Standalone standalone = this.details.getStandalone();
		return (standalone != null) ? standalone.getHost() + ":" + standalone.getPort() : "the configured nodes";
	}

}
