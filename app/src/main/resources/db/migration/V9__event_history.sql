-- Every change to an event bumps its version: PATCH with If-Match updates only
-- WHERE version = the one the client read, so a stale edit changes nothing.
ALTER TABLE events ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- Every change to an event, written in the transaction of the change: who, when, what
-- kind, which fields, and each field's value before and after. version is the event's
-- version the change produced (0 for its creation), so an event has one entry per
-- version and the history reads newest first by it. Actors are not a foreign key:
-- the history outlives accounts.
CREATE TABLE event_history (
    event_id   uuid        NOT NULL REFERENCES events (id),
    version    bigint      NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'PUBLISHED', 'CANCELLED')),
    actor_id   uuid        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    fields     text[]      NOT NULL,
    before     jsonb       NOT NULL,
    after      jsonb       NOT NULL,
    PRIMARY KEY (event_id, version)
);
