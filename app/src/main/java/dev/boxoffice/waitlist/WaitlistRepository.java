package dev.boxoffice.waitlist;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The waitlist_entries table. */
@Repository
class WaitlistRepository {

	private static final String SELECT = "SELECT " + WaitlistEntry.COLUMNS + " FROM waitlist_entries";

	private static final String LIVE = "state IN ('WAITING', 'OFFERED')";

	private final DatabaseClient db;

	WaitlistRepository(DatabaseClient db) {
		this.db = db;
	}

	/** The join kept for a buyer's Idempotency-Key: the request's hash and its answer. */
	record KeptJoin(byte[] hash, @Nullable String response) {
	}

	/**
	 * Adds a WAITING entry, unless the buyer has a live one for the event or has used the
	 * key already: then nothing (a conflict on either unique index, waited for if the
	 * other insert is not committed yet).
	 */
	Mono<WaitlistEntry> insert(UUID id, UUID eventId, UUID buyerId, int quantity, @Nullable String section, String key,
			byte[] hash) {
		DatabaseClient.GenericExecuteSpec insert = this.db.sql("""
				INSERT INTO waitlist_entries (id, event_id, buyer_id, quantity, section_code, join_key, join_hash)
				VALUES (:id, :event, :buyer, :quantity, :section, :key, :hash)
				ON CONFLICT DO NOTHING
				RETURNING %s
				""".formatted(WaitlistEntry.COLUMNS))
			.bind("id", id)
			.bind("event", eventId)
			.bind("buyer", buyerId)
			.bind("quantity", quantity)
			.bind("key", key)
			.bind("hash", hash);
		insert = (section != null) ? insert.bind("section", section) : insert.bindNull("section", String.class);
		return insert.map(WaitlistEntry::of).one();
	}

	Mono<Void> keepResponse(UUID id, String response) {
		return this.db.sql("UPDATE waitlist_entries SET join_response = :response WHERE id = :id")
			.bind("id", id)
			.bind("response", response)
			.then();
	}

	Mono<KeptJoin> joinByKey(UUID buyerId, String key) {
		return this.db
			.sql("SELECT join_hash, join_response FROM waitlist_entries WHERE buyer_id = :buyer AND join_key = :key")
			.bind("buyer", buyerId)
			.bind("key", key)
			.map((row) -> new KeptJoin(row.get("join_hash", byte[].class), row.get("join_response", String.class)))
			.one();
	}

	/** The buyer's live (WAITING or OFFERED) entry for the event. */
	Mono<WaitlistEntry> live(UUID eventId, UUID buyerId) {
		return this.db.sql(SELECT + " WHERE event_id = :event AND buyer_id = :buyer AND " + LIVE)
			.bind("event", eventId)
			.bind("buyer", buyerId)
			.map(WaitlistEntry::of)
			.one();
	}

	Mono<WaitlistEntry> find(UUID eventId, UUID entryId) {
		return this.db.sql(SELECT + " WHERE event_id = :event AND id = :id")
			.bind("event", eventId)
			.bind("id", entryId)
			.map(WaitlistEntry::of)
			.one();
	}

	/**
	 * The 1-based place of a WAITING entry among the event's WAITING entries in line
	 * order; empty when it is not WAITING.
	 */
	Mono<Long> position(UUID entryId) {
		return this.db.sql("""
				SELECT count(w.id) + 1 AS position FROM waitlist_entries me
				LEFT JOIN waitlist_entries w ON w.event_id = me.event_id AND w.state = 'WAITING'
				  AND (w.tier_rank, w.joined_at, w.id) < (me.tier_rank, me.joined_at, me.id)
				WHERE me.id = :id AND me.state = 'WAITING'
				GROUP BY me.id
				""").bind("id", entryId).map((row) -> row.get("position", Long.class)).one();
	}

	/** Marks the buyer's live entry LEFT; whether there was one. */
	Mono<Boolean> leave(UUID eventId, UUID buyerId) {
		return this.db
			.sql("UPDATE waitlist_entries SET state = 'LEFT', version = version + 1, "
					+ "updated_at = clock_timestamp() WHERE event_id = :event AND buyer_id = :buyer AND " + LIVE)
			.bind("event", eventId)
			.bind("buyer", buyerId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/**
	 * Moves a live entry to {@code tier}; empty if the entry is not (or no longer) live.
	 */
	Mono<WaitlistEntry> changeTier(UUID eventId, UUID entryId, WaitlistTier tier, @Nullable String reason) {
		DatabaseClient.GenericExecuteSpec update = this.db.sql("""
				UPDATE waitlist_entries SET tier = :tier, priority_reason = :reason, version = version + 1,
				       updated_at = clock_timestamp()
				WHERE event_id = :event AND id = :id AND %s
				RETURNING %s
				""".formatted(LIVE, WaitlistEntry.COLUMNS))
			.bind("event", eventId)
			.bind("id", entryId)
			.bind("tier", tier.name());
		update = (reason != null) ? update.bind("reason", reason) : update.bindNull("reason", String.class);
		return update.map(WaitlistEntry::of).one();
	}

	/**
	 * Up to {@code limit} entries of the event in line order, after the cursor's position
	 * when there is one.
	 */
	Flux<WaitlistEntry> page(UUID eventId, @Nullable WaitlistCursor after, int limit) {
		if (after == null) {
			return this.db.sql(SELECT + " WHERE event_id = :event ORDER BY tier_rank, joined_at, id LIMIT :limit")
				.bind("event", eventId)
				.bind("limit", limit)
				.map(WaitlistEntry::of)
				.all();
		}
		return this.db
			.sql(SELECT + " WHERE event_id = :event AND (tier_rank, joined_at, id) > (:rank, :joined, :id) "
					+ "ORDER BY tier_rank, joined_at, id LIMIT :limit")
			.bind("event", eventId)
			.bind("rank", (short) after.tierRank())
			.bind("joined", after.joinedAt())
			.bind("id", after.id())
			.bind("limit", limit)
			.map(WaitlistEntry::of)
			.all();
	}

	/** A count of the event's entries: by state (all) or by tier (live only). */
	record Count(String group, String value, long entries) {
	}

	Flux<Count> counts(UUID eventId) {
		return this.db.sql("""
				SELECT 'state' AS grp, state AS value, count(*) AS entries FROM waitlist_entries
				WHERE event_id = :event GROUP BY state
				UNION ALL
				SELECT 'tier', tier, count(*) FROM waitlist_entries
				WHERE event_id = :event AND %s GROUP BY tier
				""".formatted(LIVE))
			.bind("event", eventId)
			.map((row) -> new Count(row.get("grp", String.class), row.get("value", String.class),
					row.get("entries", Long.class)))
			.all();
	}

	/** Ends every live entry of these events; how many. */
	Mono<Long> endLiveEntries(List<UUID> eventIds) {
		return this.db
			.sql("UPDATE waitlist_entries SET state = 'ENDED', version = version + 1, "
					+ "updated_at = clock_timestamp() WHERE event_id = ANY(:events) AND " + LIVE)
			.bind("events", eventIds.toArray(UUID[]::new))
			.fetch()
			.rowsUpdated();
	}

}
