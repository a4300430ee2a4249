-- Offers of freed seats to the entries of a waitlist. PostgreSQL is the arbiter of who was
-- offered what: an entry has at most one live offer, and a seat is in at most one live
-- offer (waitlist_offer_seats holds the seats of live offers only). The seats themselves
-- are a hold in Redis (hold_id), bought through the purchase saga like any hold.
CREATE TABLE waitlist_offers (
    id           uuid        PRIMARY KEY,
    entry_id     uuid        NOT NULL REFERENCES waitlist_entries (id),
    event_id     uuid        NOT NULL REFERENCES events (id),
    buyer_id     uuid        NOT NULL,
    hold_id      text        NOT NULL UNIQUE,
    seat_ids     text[]      NOT NULL,
    total_cents  bigint      NOT NULL,
    currency     text        NOT NULL,
    state        text        NOT NULL DEFAULT 'LIVE'
                             CHECK (state IN ('LIVE', 'PURCHASED', 'DECLINED', 'EXPIRED', 'ENDED')),
    -- When the last of its seats was freed (the moment it could be served), and made.
    freed_at     timestamptz NOT NULL,
    offered_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz
);
CREATE UNIQUE INDEX waitlist_one_live_offer_idx ON waitlist_offers (entry_id) WHERE state = 'LIVE';
CREATE INDEX waitlist_live_offers_idx ON waitlist_offers (event_id) WHERE state = 'LIVE';
CREATE INDEX waitlist_offers_event_idx ON waitlist_offers (event_id, offered_at);

CREATE TABLE waitlist_offer_seats (
    event_id uuid NOT NULL,
    seat_id  text NOT NULL,
    offer_id uuid NOT NULL REFERENCES waitlist_offers (id),
    PRIMARY KEY (event_id, seat_id)
);
CREATE INDEX waitlist_offer_seats_offer_idx ON waitlist_offer_seats (offer_id);
