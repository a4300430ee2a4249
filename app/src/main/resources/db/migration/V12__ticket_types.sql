-- Ticket types: what an event sells. A SEATED type sells the seats of some sections of
-- the venue; a GENERAL_ADMISSION type sells places, no seat ids, drawn on one or more
-- capacity pools (a place of such a type takes one place of each of its pools). A type
-- may have price tiers that follow each other by date (until) and by quantity sold; past
-- its tiers, a type sells at its own price.
CREATE TABLE capacity_pools (
    id       uuid    PRIMARY KEY,
    event_id uuid    NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name     text    NOT NULL,
    capacity integer NOT NULL CHECK (capacity > 0),
    position integer NOT NULL,
    UNIQUE (event_id, name)
);

CREATE TABLE ticket_types (
    id            uuid    PRIMARY KEY,
    event_id      uuid    NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name          text    NOT NULL,
    kind          text    NOT NULL CHECK (kind IN ('SEATED', 'GENERAL_ADMISSION')),
    price_cents   integer NOT NULL CHECK (price_cents >= 0),
    min_per_order integer CHECK (min_per_order > 0),
    max_per_order integer CHECK (max_per_order > 0),
    sections      text[]  NOT NULL DEFAULT '{}',
    position      integer NOT NULL,
    CHECK (min_per_order IS NULL OR max_per_order IS NULL OR min_per_order <= max_per_order)
);
CREATE INDEX ticket_types_event_idx ON ticket_types (event_id, position);

CREATE TABLE ticket_type_pools (
    ticket_type_id uuid NOT NULL REFERENCES ticket_types (id) ON DELETE CASCADE,
    pool_id        uuid NOT NULL REFERENCES capacity_pools (id) ON DELETE CASCADE,
    PRIMARY KEY (ticket_type_id, pool_id)
);

CREATE TABLE price_tiers (
    id             uuid        PRIMARY KEY,
    ticket_type_id uuid        NOT NULL REFERENCES ticket_types (id) ON DELETE CASCADE,
    name           text        NOT NULL,
    price_cents    integer     NOT NULL CHECK (price_cents >= 0),
    quantity       integer     CHECK (quantity > 0),
    until          timestamptz,
    position       integer     NOT NULL
);
CREATE INDEX price_tiers_type_idx ON price_tiers (ticket_type_id, position);

-- What PostgreSQL arbitrates a sale of places by: one row per place of a pool, and per
-- ticket of a tier limited in quantity (an allotment is a pool or such a tier). A sale
-- claims free rows (SKIP LOCKED, so that buyers of one hot pool do not queue behind each
-- other's row locks; docs/architecture.md "Ticket types" has the measurement); a
-- cancellation frees them.
-- sale is what Redis knows the sale by ('<hold id>|<units>'), so that its counts can be
-- rebuilt from here.
CREATE TABLE allotment_units (
    allotment_id uuid    NOT NULL,
    unit         integer NOT NULL,
    order_id     uuid,
    sale         text,
    PRIMARY KEY (allotment_id, unit),
    CHECK ((order_id IS NULL) = (sale IS NULL))
);
CREATE INDEX allotment_units_free_idx ON allotment_units (allotment_id, unit) WHERE order_id IS NULL;
CREATE INDEX allotment_units_order_idx ON allotment_units (order_id) WHERE order_id IS NOT NULL;

-- What an order buys by ticket type: for each type (and tier), how many at which price.
-- Seats stay in order_seats as well; a general-admission item has no seats.
CREATE TABLE order_items (
    order_id       uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    ticket_type_id uuid    NOT NULL,
    tier_id        uuid,
    quantity       integer NOT NULL CHECK (quantity > 0),
    price_cents    integer NOT NULL CHECK (price_cents >= 0),
    PRIMARY KEY (order_id, position)
);

-- What the order's hold took from counted allotments (inventory.Units), as Redis knows it.
ALTER TABLE orders ADD COLUMN units text NOT NULL DEFAULT '';

-- A ticket names its type; a general-admission ticket has no seat.
ALTER TABLE tickets ADD COLUMN ticket_type_id uuid;
ALTER TABLE tickets ALTER COLUMN seat_id DROP NOT NULL;

-- Every existing event becomes one seated type per section of its venue, at the price
-- its seats of that section have (the event's own price for it, else the venue's), and
-- its tickets name them.
INSERT INTO ticket_types (id, event_id, name, kind, price_cents, sections, position)
SELECT gen_random_uuid(), e.id, vs.name, 'SEATED', COALESCE(ep.price_cents, vs.price_cents), ARRAY[vs.code],
       vs.position
FROM events e
JOIN venue_sections vs ON vs.venue_id = e.venue_id
LEFT JOIN event_prices ep ON ep.event_id = e.id AND ep.section_code = vs.code;

UPDATE tickets t SET ticket_type_id = tt.id
FROM seats s, ticket_types tt
WHERE s.event_id = t.event_id AND s.seat_id = t.seat_id
  AND tt.event_id = s.event_id AND s.section_code = ANY (tt.sections);
