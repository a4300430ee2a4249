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

	/** Ends every live entry of these events; the entries ended. */
	Flux<WaitlistEntry> endLiveEntries(List<UUID> eventIds) {
		return this.db
			.sql("UPDATE waitlist_entries SET state = 'ENDED', version = version + 1, "
					+ "updated_at = clock_timestamp() WHERE event_id = ANY(:events) AND " + LIVE + " RETURNING "
					+ WaitlistEntry.COLUMNS)
			.bind("events", eventIds.toArray(UUID[]::new))
			.map(WaitlistEntry::of)
			.all();
	}

	/** A WAITING entry, as read at {@code version}, is OFFERED now; whether it was. */
	Mono<Boolean> markOffered(UUID entryId, long version) {
		return this.db
			.sql("UPDATE waitlist_entries SET state = 'OFFERED', version = version + 1, updated_at = clock_timestamp() "
					+ "WHERE id = :id AND state = 'WAITING' AND version = :version")
			.bind("id", entryId)
			.bind("version", version)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/**
	 * An entry whose offer ended by its buyer's doing (bought, declined) takes that final
	 * state; an entry already final is left alone. Whether it changed.
	 */
	Mono<Boolean> offerEnded(UUID entryId, WaitlistState state) {
		return this.db
			.sql("UPDATE waitlist_entries SET state = :state, version = version + 1, updated_at = clock_timestamp() "
					+ "WHERE id = :id AND " + LIVE)
			.bind("id", entryId)
			.bind("state", state.name())
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/**
	 * An OFFERED entry whose offer ended unbought goes back to WAITING at its place (its
	 * join time, which puts it at the front of its tier) if it was requeued fewer than
	 * {@code maxRequeues} times, and is EXPIRED otherwise; its new state, or empty if it
	 * was not OFFERED.
	 */
	Mono<WaitlistState> requeueOrExpire(UUID entryId, int maxRequeues) {
		return this.db.sql("""
				UPDATE waitlist_entries
				SET state = CASE WHEN requeued < :max THEN 'WAITING' ELSE 'EXPIRED' END,
				    requeued = CASE WHEN requeued < :max THEN requeued + 1 ELSE requeued END,
				    version = version + 1, updated_at = clock_timestamp()
				WHERE id = :id AND state = 'OFFERED'
				RETURNING state
				""")
			.bind("id", entryId)
			.bind("max", maxRequeues)
			.map((row) -> WaitlistState.valueOf(row.get("state", String.class)))
			.one();
	}

	/** The first {@code limit} WAITING entries of the event, in line order. */
	Flux<WaitlistEntry> waiting(UUID eventId, int limit) {
		return this.db
			.sql(SELECT + " WHERE event_id = :event AND state = 'WAITING' ORDER BY tier_rank, joined_at, id "
					+ "LIMIT :limit")
			.bind("event", eventId)
			.bind("limit", limit)
			.map(WaitlistEntry::of)
			.all();
	}

	/**
	 * The sections the event's WAITING entries ask for; one asking for any seat gives ""
	 * (no section code is empty).
	 */
	Flux<String> sectionsWaited(UUID eventId) {
		return this.db
			.sql("SELECT DISTINCT coalesce(section_code, '') AS section FROM waitlist_entries "
					+ "WHERE event_id = :event AND state = 'WAITING'")
			.bind("event", eventId)
			.map((row) -> row.get("section", String.class))
			.all();
	}

	/** The events that have live (WAITING or OFFERED) entries. */
	Flux<UUID> eventsWithLiveEntries() {
		return this.db.sql("SELECT DISTINCT event_id FROM waitlist_entries WHERE " + LIVE)
			.map((row) -> row.get("event_id", UUID.class))
			.all();
	}

	/** Whether the event has a live (WAITING or OFFERED) entry. */
	Mono<Boolean> hasLiveEntries(UUID eventId) {
		return this.db
			.sql("SELECT EXISTS (SELECT 1 FROM waitlist_entries WHERE event_id = :event AND " + LIVE + ") AS live")
			.bind("event", eventId)
			.map((row) -> Boolean.TRUE.equals(row.get("live", Boolean.class)))
			.one();
	}

	/** A WAITING entry's place in line. */
	record Place(UUID entryId, UUID buyerId, long position) {
	}

	/** The places of the first {@code limit} WAITING entries of the event. */
	Flux<Place> places(UUID eventId, int limit) {
		return this.db.sql("""
				SELECT id, buyer_id, row_number() OVER (ORDER BY tier_rank, joined_at, id) AS position
				FROM waitlist_entries WHERE event_id = :event AND state = 'WAITING'
				ORDER BY tier_rank, joined_at, id LIMIT :limit
				""")
			.bind("event", eventId)
			.bind("limit", limit)
			.map((row) -> new Place(row.get("id", UUID.class), row.get("buyer_id", UUID.class),
					row.get("position", Long.class)))
			.all();
	}

}
