-- The sales analytics' projection of the booking records: one row per fact — an order's
-- seats of one section sold, the same refunded, an order failed — keyed so that a fact
-- projected again (by a later pass, by another instance, after recovery moved the order)
-- is the same row.
CREATE TABLE sale_facts (
    event_id     uuid        NOT NULL,
    fact         text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('SOLD', 'REFUNDED', 'FAILED')),
    at           timestamptz NOT NULL,
    section_code text,
    seats        int         NOT NULL,
    cents        bigint      NOT NULL,
    reason       text,
    PRIMARY KEY (event_id, fact)
);
CREATE INDEX sale_facts_time_idx ON sale_facts (event_id, at);
-- The projection reads the orders changed since its last pass.
CREATE INDEX orders_updated_idx ON orders (updated_at);
