-- The waitlist of an event: buyers in line for seats, front first. PostgreSQL keeps the
-- line; the offers that later turn freed seats into holds will be cached in Redis.
CREATE TABLE waitlist_entries (
    id              uuid        PRIMARY KEY,
    event_id        uuid        NOT NULL REFERENCES events (id),
    buyer_id        uuid        NOT NULL,
    quantity        int         NOT NULL CHECK (quantity > 0),
    section_code    text,
    tier            text        NOT NULL DEFAULT 'STANDARD' CHECK (tier IN ('STANDARD', 'PRIORITY')),
    -- Priority entries are served first; the line is ordered by (tier_rank, joined_at, id).
    tier_rank       smallint    GENERATED ALWAYS AS (CASE WHEN tier = 'PRIORITY' THEN 0 ELSE 1 END) STORED,
    priority_reason text,
    state           text        NOT NULL DEFAULT 'WAITING'
                                CHECK (state IN ('WAITING', 'OFFERED', 'PURCHASED', 'DECLINED', 'EXPIRED', 'LEFT', 'ENDED')),
    joined_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- Bumped by every change: updates name the version they read.
    version         bigint      NOT NULL DEFAULT 0,
    -- How often an expired offer put the entry back at the front of the line.
    requeued        int         NOT NULL DEFAULT 0,
    -- The join's Idempotency-Key, the hash of its request and the answer it got, replayed
    -- to the same key with the same request; kept as long as the entry.
    join_key        text        NOT NULL,
    join_hash       bytea       NOT NULL,
    join_response   text,
    CHECK (tier = 'STANDARD' OR priority_reason IS NOT NULL)
);
-- One live entry per buyer per event: a second join conflicts here, however it races.
CREATE UNIQUE INDEX waitlist_one_live_entry_idx ON waitlist_entries (event_id, buyer_id)
    WHERE state IN ('WAITING', 'OFFERED');
CREATE UNIQUE INDEX waitlist_join_key_idx ON waitlist_entries (buyer_id, join_key);
-- The line in order: positions, the organizer's list and its cursor.
CREATE INDEX waitlist_line_idx ON waitlist_entries (event_id, tier_rank, joined_at, id);
