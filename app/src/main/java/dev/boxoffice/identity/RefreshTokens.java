package dev.boxoffice.identity;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.boxoffice.platform.RandomUuids;
import dev.boxoffice.platform.Sha256;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Opaque, single-use refresh tokens. Only their SHA-256 hashes are stored. Using one
 * yields its successor in the same family; presenting a token that was already used (or
 * revoked) means it was copied, and the whole family is revoked.
 */
@Component
class RefreshTokens {

	/** A new refresh token, in clear, and the login session it belongs to. */
	record Issued(String token, UUID familyId) {
	}

	/** The outcome of a rotation: whose token it was, and its successor. */
	record Rotated(UUID userId, Issued next) {
	}

	private final RefreshTokenRepository repository;

	private final TransactionalOperator transactional;

	private final JwtProperties properties;

	private final Clock clock;

	/** DRBG, seeded once at start-up: drawing from it afterwards does no I/O. */
	private final SecureRandom random;

	RefreshTokens(RefreshTokenRepository repository, TransactionalOperator transactional, JwtProperties properties,
			Clock clock) {
		this.repository = repository;
		this.transactional = transactional;
		this.properties = properties;
		this.clock = clock;
		try {
			this.random = SecureRandom.getInstance("DRBG");
			// Seeding reads the system's entropy source: do it now, on the start-up
			// thread.
			this.random.nextBytes(new byte[1]);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("DRBG is required by every Java platform", ex);
		}
	}

	/**
	 * Starts a new family (a login) for the account, ending {@code refresh-token-ttl}
	 * from now.
	 */
	Mono<Issued> start(UUID userId) {
		UUID familyId = RandomUuids.next();
		Instant expiresAt = this.clock.instant().plus(this.properties.refreshTokenTtl());
		return this.repository.insertFamily(familyId, userId, expiresAt)
			.then(issue(userId, familyId, expiresAt))
			.as(this.transactional::transactional);
	}

	/**
	 * Uses {@code token} up and issues its successor in the same family, in one
	 * transaction. Fails with {@link IdentityExceptions#invalidRefreshToken()} when the
	 * token is unknown or expired, and with {@link RefreshTokenReusedException} when it
	 * was used or revoked before (including by a concurrent request).
	 */
	Mono<Rotated> rotate(String token) {
		return this.repository.findByHash(hash(token))
			.switchIfEmpty(Mono.error(IdentityExceptions::invalidRefreshToken))
			.flatMap((stored) -> {
				if (stored.used() || stored.revoked()) {
					return Mono.error(new RefreshTokenReusedException(stored.familyId()));
				}
				if (!stored.expiresAt().isAfter(this.clock.instant())) {
					return Mono.error(IdentityExceptions.invalidRefreshToken());
				}
				return this.repository.lockFamily(stored.familyId())
					.flatMap((revoked) -> revoked ? Mono.just(false) : this.repository.markUsed(stored.id()))
					.flatMap((won) -> won
							? issue(stored.userId(), stored.familyId(), stored.expiresAt())
								.map((next) -> new Rotated(stored.userId(), next))
							: Mono.error(new RefreshTokenReusedException(stored.familyId())));
			})
			.as(this.transactional::transactional);
	}

	/** Revokes the family of {@code token}, if it is one of ours, and names it. */
	Mono<UUID> revokeFamilyOf(String token) {
		return this.repository.findByHash(hash(token))
			.flatMap((stored) -> revokeFamily(stored.familyId()).thenReturn(stored.familyId()));
	}

	Mono<Long> revokeFamily(UUID familyId) {
		return this.repository.revokeFamily(familyId).as(this.transactional::transactional);
	}

	/**
	 * Forgets sessions that ended more than a day ago (their tokens can no longer be
	 * replayed anyway).
	 */
	Mono<Long> deleteEnded() {
		return this.repository.deleteExpired(this.clock.instant().minus(Duration.ofDays(1)));
	}

	private Mono<Issued> issue(UUID userId, UUID familyId, Instant expiresAt) {
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		return this.repository.insert(RandomUuids.next(), familyId, userId, hash(token), expiresAt)
			.thenReturn(new Issued(token, familyId));
	}

	private static byte[] hash(String token) {
		return Sha256.of(token);
	}

}
