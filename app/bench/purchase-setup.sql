-- Data for the pgbench baseline (app/bench/purchase.sql), in the bench run's own database
-- after the service has migrated it: one event on sale with 400,000 seats, so that every
-- pgbench purchase takes two seats no one has bought.
INSERT INTO users (id, email, name, password_hash, roles)
VALUES ('00000000-0000-4000-8000-00000000b001', 'pgbench@bench.boxoffice.test', 'pgbench', 'x', '{ORGANIZER}');
INSERT INTO venues (id, organizer_id, name, city, capacity)
VALUES ('00000000-0000-4000-8000-00000000b002', '00000000-0000-4000-8000-00000000b001', 'pgbench hall', 'Benchville', 400000);
INSERT INTO events (id, organizer_id, venue_id, title, category, city, starts_at, ends_at, currency, status, capacity)
VALUES ('00000000-0000-4000-8000-00000000b003', '00000000-0000-4000-8000-00000000b001',
        '00000000-0000-4000-8000-00000000b002', 'pgbench', 'bench', 'Benchville',
        now() + interval '30 days', now() + interval '31 days', 'EUR', 'ON_SALE', 400000);
INSERT INTO seats (event_id, seat_id, section_code, row_label, number, price_cents, accessible, position)
SELECT '00000000-0000-4000-8000-00000000b003', 'S-' || n, 'S', (n / 50)::text, n % 50, 4500, false, n
FROM generate_series(0, 399999) AS n;
CREATE SEQUENCE pgbench_purchases;
ANALYZE;
