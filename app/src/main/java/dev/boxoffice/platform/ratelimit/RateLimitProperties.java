package dev.boxoffice.platform.ratelimit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Request budgets. Each is a token bucket holding a minute's budget, refilled evenly.
 *
 * @param enabled all limits on or off (off for load tests that measure the service
 * itself)
 * @param authPerMinute requests to {@code /api/auth/**} per client IP
 * @param userPerMinute other {@code /api/**} requests per account (per client IP when
 * anonymous)
 * @param trustedProxies how many proxies in front of the service append to
 * {@code X-Forwarded-For}; 0 uses the peer address
 */
@Validated
@ConfigurationProperties("boxoffice.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("5") @Min(1) @Max(1_000_000) int authPerMinute,
		@DefaultValue("600") @Min(1) @Max(10_000_000) int userPerMinute,
		@DefaultValue("0") @Min(0) @Max(10) int trustedProxies) {

}
