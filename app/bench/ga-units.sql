-- Design B, one GA purchase of q places claimed as q unit rows of the pool (see ga-setup.sql):
--   pgbench -n -c 64 -j 2 -T 15 -f app/bench/ga-units.sql ga_pgbench_x
-- The purchase transaction inserts the order and its q tickets, then, as its last statement
-- before COMMIT, claims q free units through the partial index with FOR UPDATE SKIP LOCKED.
-- Fewer than q claimed (the pool is out of free units, or the free ones were locked or taken
-- under it) means the check failed: the purchase rolls back and is counted in ga_failures.
-- The claimed units are then given back in a separate, later transaction, to keep the pool
-- open (why: ga-setup.sql); they are named by number so the give-back needs no order_id index.
\set q random(1, 4)
SELECT gen_random_uuid() AS o, gen_random_uuid() AS b \gset
BEGIN;
INSERT INTO ga_orders (id, pool_id, buyer_id, quantity, status, total_cents)
VALUES (':o', '00000000-0000-4000-8000-00000000c001', ':b', :q, 'CONFIRMED', 4500 * :q);
INSERT INTO ga_tickets (order_id, code, status)
SELECT ':o', ':o' || '-' || g, 'VALID' FROM generate_series(1, :q) AS g;
WITH c AS (
    UPDATE allotment_units SET order_id = ':o'
    WHERE (allotment_id, unit) IN (
        SELECT allotment_id, unit FROM allotment_units
        WHERE allotment_id = '00000000-0000-4000-8000-00000000c001' AND order_id IS NULL
        LIMIT :q FOR UPDATE SKIP LOCKED)
    RETURNING unit)
SELECT count(*) AS claimed, coalesce(array_agg(unit), '{}') AS units FROM c \gset
\if :claimed = :q
COMMIT;
-- The give-back: the order released and its units freed, in one later transaction.
BEGIN;
UPDATE ga_orders SET status = 'RELEASED', updated_at = now() WHERE id = ':o' AND status = 'CONFIRMED';
UPDATE allotment_units SET order_id = NULL
WHERE allotment_id = '00000000-0000-4000-8000-00000000c001' AND unit = ANY (CAST(':units' AS int[]))
  AND order_id = ':o';
COMMIT;
\else
ROLLBACK;
INSERT INTO ga_failures (design, q) VALUES ('B', :q);
\endif
