package dev.boxoffice.platform.redis;

import java.util.UUID;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every Redis key Boxoffice writes starts with {@code keyPrefix}, so several deployments
 * (or test runs) can share one Redis without seeing each other's keys. The prefix holds
 * no braces: per-event hash tags ({@code {e:<id>}}) come after it and decide the slot.
 *
 * @param keyPrefix prefix of every key, e.g. {@code bo:}
 */
@Validated
@ConfigurationProperties("boxoffice.redis")
public record RedisKeyspace(@DefaultValue("bo:") @Pattern(regexp = "[A-Za-z0-9:_.-]{1,64}",
		message = "must be 1 to 64 letters, digits or : _ . - (no braces)") String keyPrefix) {

	/** The full key for the given parts, joined with ':'. */
	public String key(String... parts) {
		return this.keyPrefix + String.join(":", parts);
	}

	/**
	 * A key of one event's data. All of them share the hash tag {@code {e:<id>}}, so a
	 * script may touch several of them on Redis Cluster.
	 */
	public String eventKey(UUID eventId, String... parts) {
		return this.keyPrefix + "{e:" + eventId + "}:" + String.join(":", parts);
	}

}
