-- Orders and their saga. status is what the buyer sees; step is how far the purchase
-- saga got, written before the next step starts, so that recovery knows what to undo or
-- finish after a crash. Buyers are not a foreign key: orders outlive accounts.
CREATE TABLE orders (
    id              uuid        PRIMARY KEY,
    buyer_id        uuid        NOT NULL,
    event_id        uuid        NOT NULL REFERENCES events (id),
    hold_id         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'FAILED', 'CANCELLING', 'CANCELLED')),
    step            text        NOT NULL CHECK (step IN ('CREATED', 'AUTHORIZED', 'COMMITTED', 'CAPTURED', 'DONE')),
    total_cents     bigint      NOT NULL,
    currency        char(3)     NOT NULL,
    payment_token   text        NOT NULL,
    idempotency_key text        NOT NULL,
    payment_id      text,
    failure_reason  text,
    -- Seats went back in PostgreSQL but Redis has not been told yet (recovery retries).
    redis_pending   boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_buyer_idx ON orders (buyer_id, created_at DESC, id DESC);
CREATE INDEX orders_unfinished_idx ON orders (updated_at) WHERE status IN ('PENDING', 'CANCELLING') OR redis_pending;
CREATE UNIQUE INDEX orders_idempotency_idx ON orders (buyer_id, idempotency_key);
CREATE INDEX orders_event_idx ON orders (event_id, status);

-- The seats an order buys, with the version each had when it was held: the commit
-- expects exactly that version.
CREATE TABLE order_seats (
    order_id      uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    event_id      uuid    NOT NULL,
    seat_id       text    NOT NULL,
    price_cents   integer NOT NULL,
    seat_version  bigint  NOT NULL,
    PRIMARY KEY (order_id, seat_id)
);

-- Tickets. The partial unique index is the last line of defence: a seat has at most one
-- valid ticket, whatever happens above it.
CREATE TABLE tickets (
    id          uuid        PRIMARY KEY,
    order_id    uuid        NOT NULL REFERENCES orders (id),
    event_id    uuid        NOT NULL,
    seat_id     text        NOT NULL,
    buyer_id    uuid        NOT NULL,
    code        text        NOT NULL UNIQUE,
    status      text        NOT NULL CHECK (status IN ('VALID', 'VOID')),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tickets_one_valid_per_seat ON tickets (event_id, seat_id) WHERE status = 'VALID';
CREATE INDEX tickets_buyer_idx ON tickets (buyer_id, event_id) WHERE status = 'VALID';
CREATE INDEX tickets_order_idx ON tickets (order_id);

-- The simulated payment provider's own ledger (a real provider keeps this on its side).
-- One payment per order: calls are idempotent by order.
CREATE TABLE simulated_payments (
    id           text        PRIMARY KEY,
    order_id     uuid        NOT NULL UNIQUE,
    amount_cents bigint      NOT NULL,
    currency     char(3)     NOT NULL,
    token        text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED')),
    refunds      integer     NOT NULL DEFAULT 0,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Idempotency keys, per buyer, kept 24 hours.
CREATE TABLE idempotency_keys (
    buyer_id        uuid        NOT NULL,
    key             text        NOT NULL,
    request_hash    bytea       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('IN_FLIGHT', 'DONE')),
    response_status integer,
    response_body   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (buyer_id, key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
