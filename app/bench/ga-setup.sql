-- Scratch schema for the general-admission (GA) capacity comparison (ga-counter.sql: design A,
-- one counter row per pool; ga-units.sql: design B, one row per unit claimed with
-- FOR UPDATE SKIP LOCKED). Run it in a scratch database of its own, never the service's:
--   psql -h 127.0.0.1 -U postgres -d ga_pgbench_x -v ON_ERROR_STOP=1 -f app/bench/ga-setup.sql
-- It drops and recreates everything, so running it again before every pgbench run is the
-- reset between runs: each run, A or B, starts from the same fresh pool, empty order tables and
-- an unbloated partial index.
--
-- One hot pool, 00000000-0000-4000-8000-00000000c001, of 10,000 places, in both shapes:
-- capacity_pools (A) and 10,000 rows of allotment_units (B). ga_orders and ga_tickets are the
-- "other work" of a purchase (one order row and q ticket rows); an order is live while its
-- status is 'CONFIRMED' and 'RELEASED' once its places were given back.
--
-- Why the scripts give the places back rather than only resetting between runs: at 1-4 places
-- per purchase (2.5 on average) 10,000 places are gone after ~4,000 purchases, i.e. within the
-- first seconds of a 15 s run at the rates measured here. From then on every check fails at
-- once (A: 0 rows match; B: the partial index is empty) and pgbench would time the cheap
-- "sold out" path, not buyers fighting over one pool. So each script, after the purchase
-- commits, gives the same places back in a separate, later transaction (A: sold - q;
-- B: order_id back to NULL for that order's units). The pool then stays open all run long,
-- with at most clients x 4 places out at once, and every purchase contends on it exactly as
-- during an open sale. Cost of this choice: in A the give-back is a second update of the hot
-- row per iteration (a real sale has few refunds), so A is measured somewhat pessimistically;
-- in B the give-back only touches the order's own unit rows. The reset between runs still
-- matters: units churn, and it keeps B's partial index from carrying one run's dead entries
-- into the next (that bloat is measured separately, after each run).
DROP TABLE IF EXISTS ga_failures, ga_tickets, ga_orders, allotment_units, capacity_pools;

CREATE TABLE capacity_pools (
    id       uuid PRIMARY KEY,
    capacity integer NOT NULL,
    sold     integer NOT NULL DEFAULT 0
);

CREATE TABLE allotment_units (
    allotment_id uuid    NOT NULL,
    unit         integer NOT NULL,
    order_id     uuid    NULL,
    PRIMARY KEY (allotment_id, unit)
);
CREATE INDEX allotment_units_free ON allotment_units (allotment_id, unit) WHERE order_id IS NULL;

CREATE TABLE ga_orders (
    id         uuid PRIMARY KEY,
    pool_id    uuid        NOT NULL,
    buyer_id   uuid        NOT NULL,
    quantity   integer     NOT NULL,
    status     text        NOT NULL,
    total_cents integer    NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ga_tickets (
    id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id uuid NOT NULL REFERENCES ga_orders (id),
    code     text NOT NULL UNIQUE,
    status   text NOT NULL
);
CREATE INDEX ga_tickets_order ON ga_tickets (order_id);

-- Purchases whose pool check failed (and were rolled back), one row each, written after the
-- ROLLBACK so that it holds no lock of the purchase.
CREATE TABLE ga_failures (
    design text    NOT NULL,
    q      integer NOT NULL,
    at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

INSERT INTO capacity_pools (id, capacity, sold)
VALUES ('00000000-0000-4000-8000-00000000c001', 10000, 0);

INSERT INTO allotment_units (allotment_id, unit, order_id)
SELECT '00000000-0000-4000-8000-00000000c001', n, NULL
FROM generate_series(1, 10000) AS n;

VACUUM ANALYZE capacity_pools, allotment_units, ga_orders, ga_tickets, ga_failures;
