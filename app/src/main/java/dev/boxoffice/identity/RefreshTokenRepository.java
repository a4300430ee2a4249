package dev.boxoffice.identity;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Refresh-token hashes and their families in PostgreSQL. */
@Repository
class RefreshTokenRepository {

	/**
	 * A stored token; {@code used} or {@code revoked} (itself or its family) tokens can
	 * never be used again. {@code expiresAt} is its family's: a session ends on time
	 * however often it is refreshed.
	 */
	record StoredToken(UUID id, UUID familyId, UUID userId, Instant expiresAt, boolean used, boolean revoked) {
	}

	private final DatabaseClient db;

	RefreshTokenRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Void> insertFamily(UUID familyId, UUID userId, Instant expiresAt) {
		return this.db.sql("INSERT INTO refresh_families (id, user_id, expires_at) VALUES (:id, :user, :expires)")
			.bind("id", familyId)
			.bind("user", userId)
			.bind("expires", expiresAt)
			.then();
	}

	Mono<Void> insert(UUID id, UUID familyId, UUID userId, byte[] hash, Instant expiresAt) {
		return this.db
			.sql("INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at) "
					+ "VALUES (:id, :family, :user, :hash, :expires)")
			.bind("id", id)
			.bind("family", familyId)
			.bind("user", userId)
			.bind("hash", hash)
			.bind("expires", expiresAt)
			.then();
	}

	Mono<StoredToken> findByHash(byte[] hash) {
		return this.db.sql("""
				SELECT t.id, t.family_id, t.user_id, f.expires_at, t.used_at IS NOT NULL AS used,
				       (t.revoked_at IS NOT NULL OR f.revoked_at IS NOT NULL) AS revoked
				FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
				WHERE t.token_hash = :hash
				""").bind("hash", hash).map(RefreshTokenRepository::read).one();
	}

	/** Uses the token up; false when another request used or revoked it first. */
	Mono<Boolean> markUsed(UUID id) {
		return this.db
			.sql("UPDATE refresh_tokens SET used_at = now() WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/**
	 * Locks the family row until the end of the transaction, and tells whether it is
	 * revoked. Rotation and revocation both take this lock, so they never interleave.
	 */
	Mono<Boolean> lockFamily(UUID familyId) {
		return this.db
			.sql("SELECT revoked_at IS NOT NULL AS revoked FROM refresh_families WHERE id = :family FOR UPDATE")
			.bind("family", familyId)
			.map((row) -> Boolean.TRUE.equals(row.get("revoked", Boolean.class)))
			.one()
			.defaultIfEmpty(true);
	}

	/**
	 * Revokes the family and every token in it; the caller runs this in one transaction.
	 */
	Mono<Long> revokeFamily(UUID familyId) {
		return this.db.sql("UPDATE refresh_families SET revoked_at = coalesce(revoked_at, now()) WHERE id = :family")
			.bind("family", familyId)
			.then()
			.then(this.db
				.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL")
				.bind("family", familyId)
				.fetch()
				.rowsUpdated());
	}

	/** Deletes sessions (and their tokens) that ended before {@code before}. */
	Mono<Long> deleteExpired(Instant before) {
		return this.db.sql("DELETE FROM refresh_families WHERE expires_at < :before")
			.bind("before", before)
			.fetch()
			.rowsUpdated();
	}

	private static StoredToken read(Readable row) {
		return new StoredToken(row.get("id", UUID.class), row.get("family_id", UUID.class),
				row.get("user_id", UUID.class), row.get("expires_at", Instant.class),
				Boolean.TRUE.equals(row.get("used", Boolean.class)),
				Boolean.TRUE.equals(row.get("revoked", Boolean.class)));
	}

}
