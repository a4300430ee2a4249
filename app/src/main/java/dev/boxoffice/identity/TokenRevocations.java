package dev.boxoffice.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.platform.ratelimit.RequestBudgets;
import dev.boxoffice.platform.redis.RedisKeyspace;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Access tokens that must stop working before they expire, in Redis so that every
 * instance sees them at once. Entries live only as long as a token they could affect.
 * <ul>
 * <li>a token id (logout with that token);</li>
 * <li>a login session, i.e. refresh-token family (logout, or a stolen refresh
 * token);</li>
 * <li>an account's tokens issued before a moment (its roles changed).</li>
 * </ul>
 * Checking a token costs one Redis call: within a request, the one that also takes the
 * request from its account's budget ({@link RequestBudgets#takeReading}); elsewhere an
 * MGET.
 */
@Component
class TokenRevocations {

	/**
	 * How far past {@code exp} a token is still accepted (clocks of instances differ a
	 * little). Revocations are kept that much longer than the tokens they stop.
	 */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	private static final Duration MARGIN = CLOCK_SKEW.plusSeconds(1);

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeyspace keyspace;

	private final Duration accessTokenTtl;

	private final Clock clock;

	private final RequestBudgets budgets;

	TokenRevocations(ReactiveStringRedisTemplate redis, RedisKeyspace keyspace, JwtProperties properties, Clock clock,
			RequestBudgets budgets) {
		this.redis = redis;
		this.budgets = budgets;
		this.keyspace = keyspace;
		this.accessTokenTtl = properties.accessTokenTtl();
		this.clock = clock;
	}

	Mono<Void> revokeToken(String tokenId, Instant expiresAt) {
		Duration left = Duration.between(this.clock.instant(), expiresAt).plus(MARGIN);
		if (left.isNegative() || left.isZero()) {
			return Mono.empty();
		}
		return set(tokenKey(tokenId), "1", left);
	}

	Mono<Void> revokeFamily(UUID familyId) {
		return set(familyKey(familyId.toString()), "1", this.accessTokenTtl.plus(MARGIN));
	}

	/** Tokens of the account issued until now stop working (its roles changed). */
	Mono<Void> revokeIssuedBefore(UUID userId) {
		String now = Long.toString(this.clock.instant().toEpochMilli());
		return set(userKey(userId.toString()), now, this.accessTokenTtl.plus(MARGIN));
	}

	/** Whether a decoded, otherwise valid token has been revoked. */
	Mono<Boolean> isRevoked(Jwt jwt) {
		String family = jwt.getClaimAsString(AccessTokens.FAMILY);
		List<String> keys = Arrays.asList(tokenKey(String.valueOf(jwt.getId())), familyKey(String.valueOf(family)),
				userKey(jwt.getSubject()));
		return this.budgets.takeReading(jwt.getSubject(), keys)
			.switchIfEmpty(Mono.defer(() -> this.redis.opsForValue().multiGet(keys)))
			.map((values) -> {
				if (values.get(0) != null || values.get(1) != null) {
					return true;
				}
				String notBefore = values.get(2);
				return notBefore != null && issuedMillis(jwt) < Long.parseLong(notBefore);
			});
	}

	private static long issuedMillis(Jwt jwt) {
		Object millis = jwt.getClaims().get(AccessTokens.ISSUED_MILLIS);
		if (millis instanceof Number number) {
			return number.longValue();
		}
		Instant issuedAt = jwt.getIssuedAt();
		return (issuedAt != null) ? issuedAt.toEpochMilli() : Long.MIN_VALUE;
	}

	private Mono<Void> set(String key, String value, Duration ttl) {
		return this.redis.opsForValue().set(key, value, ttl).then();
	}

	private String tokenKey(String tokenId) {
		return this.keyspace.key("auth", "revoked", "jti", tokenId);
	}

	private String familyKey(String familyId) {
		return this.keyspace.key("auth", "revoked", "fam", familyId);
	}

	private String userKey(String userId) {
		return this.keyspace.key("auth", "nbf", userId);
	}

}
