package dev.boxoffice.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import dev.boxoffice.platform.error.ApiException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys with Stripe's semantics, per buyer: the first request with a key runs
 * and its response is kept; the same key with the same body replays that response; with
 * another body it is refused (422); while the first is still running, 409.
 */
@Component
class IdempotencyKeys {

	/** A response kept for replay. */
	record Stored(int status, String body) {
	}

	private final DatabaseClient db;

	private final BookingProperties properties;

	private final Clock clock;

	IdempotencyKeys(DatabaseClient db, BookingProperties properties, Clock clock) {
		this.db = db;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Empty if this request is the first with the key (it now owns it); the kept response
	 * otherwise.
	 */
	Mono<Optional<Stored>> begin(UUID buyerId, String key, byte[] requestHash) {
		return this.db.sql("""
				INSERT INTO idempotency_keys (buyer_id, key, request_hash, status, expires_at)
				VALUES (:buyer, :key, :hash, 'IN_FLIGHT', :expires)
				ON CONFLICT (buyer_id, key) DO UPDATE
				  SET request_hash = EXCLUDED.request_hash, status = 'IN_FLIGHT', response_status = NULL,
				      response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
				  WHERE idempotency_keys.expires_at < now()
				RETURNING key
				""")
			.bind("buyer", buyerId)
			.bind("key", key)
			.bind("hash", requestHash)
			.bind("expires", this.clock.instant().plus(this.properties.idempotencyTtl()))
			.fetch()
			.one()
			.map((inserted) -> Optional.<Stored>empty())
			.switchIfEmpty(Mono.defer(() -> existing(buyerId, key, requestHash)));
	}

	private Mono<Optional<Stored>> existing(UUID buyerId, String key, byte[] requestHash) {
		return this.db
			.sql("SELECT request_hash, status, response_status, response_body FROM idempotency_keys "
					+ "WHERE buyer_id = :buyer AND key = :key")
			.bind("buyer", buyerId)
			.bind("key", key)
			.map((row) -> new Object[] { row.get("request_hash", byte[].class), row.get("status", String.class),
					row.get("response_status", Integer.class), row.get("response_body", String.class) })
			.one()
			.flatMap((row) -> {
				if (!Arrays.equals((byte[]) row[0], requestHash)) {
					return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
							"Idempotency-Key reused", "This Idempotency-Key was used with another request."));
				}
				if ("IN_FLIGHT".equals(row[1])) {
					return reclaimAbandoned(buyerId, key).flatMap((reclaimed) -> reclaimed
							? Mono.just(Optional.<Stored>empty())
							: Mono.error(new ApiException(HttpStatus.CONFLICT, "idempotency-key-in-flight",
									"Request in progress",
									"A request with this Idempotency-Key is still being processed; retry shortly.")));
				}
				return Mono.just(Optional.of(new Stored((Integer) row[2], (String) row[3])));
			});
	}

	/**
	 * A key left IN_FLIGHT by a request that died before it created its order can be used
	 * again once recovery would have finished any order it had made.
	 */
	private Mono<Boolean> reclaimAbandoned(UUID buyerId, String key) {
		return this.db.sql("""
				UPDATE idempotency_keys k SET created_at = now()
				WHERE buyer_id = :buyer AND key = :key AND status = 'IN_FLIGHT' AND created_at < :stale
				  AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.buyer_id = k.buyer_id AND o.idempotency_key = k.key)
				""")
			.bind("buyer", buyerId)
			.bind("key", key)
			.bind("stale", this.clock.instant().minus(this.properties.recoveryAfter().multipliedBy(2)))
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/** Keeps the response for replays; a key already DONE keeps its first response. */
	Mono<Void> complete(UUID buyerId, String key, int status, String body) {
		return this.db
			.sql("UPDATE idempotency_keys SET status = 'DONE', response_status = :status, response_body = :body "
					+ "WHERE buyer_id = :buyer AND key = :key AND status = 'IN_FLIGHT'")
			.bind("buyer", buyerId)
			.bind("key", key)
			.bind("status", status)
			.bind("body", body)
			.then();
	}

	/**
	 * Lets the key be used again, if the request made no order; otherwise it stays
	 * IN_FLIGHT and recovery completes it with the order's outcome.
	 */
	Mono<Void> forget(UUID buyerId, String key) {
		return this.db.sql("""
				DELETE FROM idempotency_keys k WHERE buyer_id = :buyer AND key = :key AND status = 'IN_FLIGHT'
				  AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.buyer_id = k.buyer_id AND o.idempotency_key = k.key)
				""").bind("buyer", buyerId).bind("key", key).then();
	}

	/** A key left IN_FLIGHT. */
	record Abandoned(UUID buyerId, String key) {
	}

	/**
	 * Keys IN_FLIGHT since before {@code before} (long past any live request) whose order
	 * is no longer PENDING, or that made no order: what recovery must finish.
	 */
	Flux<Abandoned> abandoned(Instant before, int limit) {
		return this.db.sql("""
				SELECT k.buyer_id, k.key FROM idempotency_keys k
				LEFT JOIN orders o ON o.buyer_id = k.buyer_id AND o.idempotency_key = k.key
				WHERE k.status = 'IN_FLIGHT' AND k.created_at < :before AND (o.id IS NULL OR o.status <> 'PENDING')
				ORDER BY k.created_at LIMIT :limit
				""")
			.bind("before", before)
			.bind("limit", limit)
			.map((row) -> new Abandoned(row.get("buyer_id", UUID.class), row.get("key", String.class)))
			.all();
	}

	Mono<Long> deleteExpired() {
		return this.db.sql("DELETE FROM idempotency_keys WHERE expires_at < now()").fetch().rowsUpdated();
	}

}
