-- The SQL one confirmed purchase of two seats performs, statement for statement, as the
-- service sends it (captured from PostgreSQL's statement log): idempotency key, order
-- with its seats, payment authorization and its record, the commit transaction
-- (ticket-limit lock and count, the optimistic seat update, tickets with the step), capture,
-- confirmation and the stored answer. Only the first statement is extra:
-- it picks two fresh seats.
SELECT nextval('pgbench_purchases') AS n, gen_random_uuid() AS o, gen_random_uuid() AS b,
       '00000000-0000-4000-8000-00000000b003' AS e \gset
INSERT INTO idempotency_keys (buyer_id, key, request_hash, status, expires_at)
VALUES (':b', ':o', '\x00', 'IN_FLIGHT', now() + interval '1 day')
ON CONFLICT (buyer_id, key) DO UPDATE
  SET request_hash = EXCLUDED.request_hash, status = 'IN_FLIGHT', response_status = NULL,
      response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
  WHERE idempotency_keys.expires_at < now()
RETURNING key;
WITH o AS (
    INSERT INTO orders (id, buyer_id, event_id, hold_id, status, step, total_cents, currency,
                        payment_token, idempotency_key)
    VALUES (':o', ':b', ':e', 'hold-' || :n, 'PENDING', 'CREATED', 9000, 'EUR', 'tok_ok', ':o')
    RETURNING id, event_id, created_at),
s AS (
    INSERT INTO order_seats (order_id, event_id, seat_id, price_cents, seat_version)
    SELECT o.id, o.event_id, seat, price, version
    FROM o, unnest(CAST(ARRAY['S-' || (2 * :n), 'S-' || (2 * :n + 1)] AS text[]), CAST('{4500,4500}' AS int[]),
                   CAST('{0,0}' AS bigint[])) AS s(seat, price, version))
SELECT created_at FROM o;
INSERT INTO simulated_payments (id, order_id, amount_cents, currency, token, status)
VALUES ('pay_' || :n, ':o', 9000, 'EUR', 'tok_ok', 'AUTHORIZED')
ON CONFLICT (order_id) DO UPDATE SET updated_at = now()
RETURNING id;
UPDATE orders SET payment_id = 'pay_' || :n, step = 'AUTHORIZED', updated_at = now()
WHERE id = ':o' AND step = 'CREATED' AND status = 'PENDING';
BEGIN READ WRITE;
SELECT pg_advisory_xact_lock(hashtextextended('tickets:' || ':b' || ':' || ':e', 0));
SELECT count(*) AS tickets FROM tickets WHERE buyer_id = ':b' AND event_id = ':e' AND status = 'VALID';
UPDATE seats s SET status = 'SOLD', version = s.version + 1
FROM unnest(CAST(ARRAY['S-' || (2 * :n), 'S-' || (2 * :n + 1)] AS text[]), CAST('{0,0}' AS bigint[]))
     AS expected(seat_id, version)
WHERE s.event_id = ':e' AND s.seat_id = expected.seat_id
  AND s.version = expected.version AND s.status = 'AVAILABLE';
WITH issued AS (
    INSERT INTO tickets (id, order_id, event_id, seat_id, buyer_id, code, status)
    SELECT gen_random_uuid(), ':o', ':e', seat, ':b', code, 'VALID'
    FROM unnest(CAST(ARRAY['S-' || (2 * :n), 'S-' || (2 * :n + 1)] AS text[]),
                CAST(ARRAY['code-a-' || :n, 'code-b-' || :n] AS text[])) AS t(seat, code))
UPDATE orders SET step = 'COMMITTED', updated_at = now() WHERE id = ':o' AND step = 'AUTHORIZED' AND status = 'PENDING';
COMMIT;
UPDATE simulated_payments SET status = 'CAPTURED', updated_at = now()
WHERE order_id = ':o' AND status IN ('AUTHORIZED', 'CAPTURED') AND token <> 'tok_capture_fails'
RETURNING status;
UPDATE orders SET status = 'CONFIRMED', step = 'DONE', updated_at = now()
WHERE id = ':o' AND status = 'PENDING' AND step IN ('COMMITTED', 'CAPTURED');
UPDATE idempotency_keys SET status = 'DONE', response_status = 201, response_body = '{}'
WHERE buyer_id = ':b' AND key = ':o' AND status = 'IN_FLIGHT';
