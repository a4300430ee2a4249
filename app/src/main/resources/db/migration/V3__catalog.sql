-- Venues and their seat layouts. A seat's id is "<section>-<row>-<number>", unique in
-- its venue; sections carry the default price of their seats.
CREATE TABLE venues (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organizer_id uuid        NOT NULL REFERENCES users (id),
    name         text        NOT NULL,
    city         text        NOT NULL,
    address      text        NOT NULL DEFAULT '',
    capacity     integer     NOT NULL CHECK (capacity > 0),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX venues_organizer_idx ON venues (organizer_id);

CREATE TABLE venue_sections (
    venue_id    uuid    NOT NULL REFERENCES venues (id) ON DELETE CASCADE,
    code        text    NOT NULL,
    name        text    NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents >= 0),
    position    integer NOT NULL,
    PRIMARY KEY (venue_id, code)
);

CREATE TABLE venue_seats (
    venue_id     uuid    NOT NULL,
    seat_id      text    NOT NULL,
    section_code text    NOT NULL,
    row_label    text    NOT NULL,
    number       integer NOT NULL,
    accessible   boolean NOT NULL DEFAULT false,
    position     integer NOT NULL,
    PRIMARY KEY (venue_id, seat_id),
    FOREIGN KEY (venue_id, section_code) REFERENCES venue_sections (venue_id, code) ON DELETE CASCADE
);

-- Events. city is copied from the venue so that search needs no join.
CREATE TABLE events (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    organizer_id uuid        NOT NULL REFERENCES users (id),
    venue_id     uuid        NOT NULL REFERENCES venues (id),
    title        text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    category     text        NOT NULL,
    city         text        NOT NULL,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    currency     char(3)     NOT NULL,
    status       text        NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ON_SALE', 'CANCELLED')),
    capacity     integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    search       tsvector    GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || description)) STORED,
    CHECK (ends_at > starts_at)
);
-- Search walks events in (starts_at, id) order, the cursor's order.
CREATE INDEX events_on_sale_idx ON events (starts_at, id) WHERE status = 'ON_SALE';
CREATE INDEX events_on_sale_category_idx ON events (category, starts_at, id) WHERE status = 'ON_SALE';
CREATE INDEX events_on_sale_city_idx ON events (lower(city), starts_at, id) WHERE status = 'ON_SALE';
CREATE INDEX events_search_idx ON events USING gin (search);
CREATE INDEX events_organizer_idx ON events (organizer_id, starts_at, id);

-- Prices an event sets for some sections instead of the venue's.
CREATE TABLE event_prices (
    event_id     uuid    NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    section_code text    NOT NULL,
    price_cents  integer NOT NULL CHECK (price_cents >= 0),
    PRIMARY KEY (event_id, section_code)
);

-- Inventory: one row per seat of a published event. HELD lives in Redis only; here a
-- seat is AVAILABLE or SOLD, and every change bumps version (the optimistic check of a
-- purchase).
CREATE TABLE seats (
    event_id     uuid    NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    seat_id      text    NOT NULL,
    section_code text    NOT NULL,
    row_label    text    NOT NULL,
    number       integer NOT NULL,
    price_cents  integer NOT NULL,
    accessible   boolean NOT NULL,
    position     integer NOT NULL,
    status       text    NOT NULL DEFAULT 'AVAILABLE' CHECK (status IN ('AVAILABLE', 'SOLD')),
    version      bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, seat_id)
);
CREATE INDEX seats_sold_idx ON seats (event_id) WHERE status = 'SOLD';
CREATE INDEX seats_layout_idx ON seats (event_id, position);
