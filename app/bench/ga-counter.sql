-- Design A, one GA purchase of q places against one counter row per pool (see ga-setup.sql):
--   pgbench -n -c 64 -j 2 -T 15 -f app/bench/ga-counter.sql ga_pgbench_x
-- The purchase transaction inserts the order and its q tickets first and runs the pool check,
-- the conditional counter update, as its LAST statement before COMMIT, so the hot row stays
-- locked only from that update to the commit's WAL flush. If the update matches no row the
-- pool would be oversold: the purchase rolls back and is counted in ga_failures. The places
-- are then given back in a separate, later transaction, to keep the pool open (why: ga-setup.sql).
\set q random(1, 4)
SELECT gen_random_uuid() AS o, gen_random_uuid() AS b \gset
BEGIN;
INSERT INTO ga_orders (id, pool_id, buyer_id, quantity, status, total_cents)
VALUES (':o', '00000000-0000-4000-8000-00000000c001', ':b', :q, 'CONFIRMED', 4500 * :q);
INSERT INTO ga_tickets (order_id, code, status)
SELECT ':o', ':o' || '-' || g, 'VALID' FROM generate_series(1, :q) AS g;
WITH u AS (
    UPDATE capacity_pools SET sold = sold + :q
    WHERE id = '00000000-0000-4000-8000-00000000c001' AND sold + :q <= capacity
    RETURNING 1)
SELECT count(*) AS ok FROM u \gset
\if :ok = 1
COMMIT;
-- The give-back: the order released, then (last again) the places returned to the pool.
BEGIN;
UPDATE ga_orders SET status = 'RELEASED', updated_at = now() WHERE id = ':o' AND status = 'CONFIRMED';
UPDATE capacity_pools SET sold = sold - :q WHERE id = '00000000-0000-4000-8000-00000000c001';
COMMIT;
\else
ROLLBACK;
INSERT INTO ga_failures (design, q) VALUES ('A', :q);
\endif
