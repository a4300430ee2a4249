-- The SQL one confirmed purchase of two seats performs, statement for statement, as the
-- service sends it (captured from PostgreSQL's statement log): idempotency key, order
-- with its seats and items, payment authorization, the commit (sell_order: ticket-limit
-- lock and count, the optimistic seat update, tickets, the payment's id and the step, in
-- one statement), capture, and the confirmation with the stored answer (one statement).
-- Only the first statement is extra: it picks two fresh seats.
SELECT nextval('pgbench_purchases') AS n, gen_random_uuid() AS o, gen_random_uuid() AS b,
       '00000000-0000-4000-8000-00000000b003' AS e, '00000000-0000-4000-8000-00000000b004' AS t \gset
INSERT INTO idempotency_keys (buyer_id, key, request_hash, status, expires_at)
VALUES (':b', ':o', '\x00', 'IN_FLIGHT', now() + interval '1 day')
ON CONFLICT (buyer_id, key) DO UPDATE
  SET request_hash = EXCLUDED.request_hash, status = 'IN_FLIGHT', response_status = NULL,
      response_body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
  WHERE idempotency_keys.expires_at < now()
RETURNING key;
WITH o AS (
    INSERT INTO orders (id, buyer_id, event_id, hold_id, status, step, total_cents, currency,
                        payment_token, idempotency_key, units)
    VALUES (':o', ':b', ':e', 'hold-' || :n, 'PENDING', 'CREATED', 9000, 'EUR', 'tok_ok', ':o', '')
    RETURNING id, event_id, created_at),
s AS (
    INSERT INTO order_seats (order_id, event_id, seat_id, price_cents, seat_version)
    SELECT o.id, o.event_id, seat, price, version
    FROM o, unnest(CAST(ARRAY['S-' || (2 * :n), 'S-' || (2 * :n + 1)] AS text[]), CAST('{4500,4500}' AS int[]),
                   CAST('{0,0}' AS bigint[])) AS s(seat, price, version)),
i AS (
    INSERT INTO order_items (order_id, position, ticket_type_id, tier_id, quantity, price_cents)
    SELECT o.id, 1, ':t', NULL, 2, 4500 FROM o)
SELECT created_at FROM o;
INSERT INTO simulated_payments (id, order_id, amount_cents, currency, token, status)
VALUES ('pay_' || :n, ':o', 9000, 'EUR', 'tok_ok', 'AUTHORIZED')
ON CONFLICT (order_id) DO UPDATE SET updated_at = now()
RETURNING id;
SELECT sell_order(':o', ':b', ':e', 10, 2,
       CAST(ARRAY['S-' || (2 * :n), 'S-' || (2 * :n + 1)] AS text[]), CAST('{0,0}' AS bigint[]),
       CAST('{}' AS uuid[]), CAST('{}' AS int[]), 'hold-' || :n || '|',
       CAST(ARRAY[gen_random_uuid(), gen_random_uuid()] AS uuid[]),
       CAST(ARRAY['S-' || (2 * :n), 'S-' || (2 * :n + 1)] AS text[]),
       CAST(ARRAY[':t', ':t'] AS uuid[]),
       CAST(ARRAY['code-a-' || :n, 'code-b-' || :n] AS text[]), 'pay_' || :n);
UPDATE simulated_payments SET status = 'CAPTURED', updated_at = now()
WHERE order_id = ':o' AND status IN ('AUTHORIZED', 'CAPTURED') AND token <> 'tok_capture_fails'
RETURNING status;
WITH confirmed AS (
    UPDATE orders SET status = 'CONFIRMED', step = 'DONE', updated_at = now()
    WHERE id = ':o' AND status = 'PENDING' AND step IN ('COMMITTED', 'CAPTURED')
    RETURNING buyer_id, idempotency_key),
kept AS (
    UPDATE idempotency_keys k SET status = 'DONE', response_status = 201, response_body = '{}'
    FROM confirmed c
    WHERE k.buyer_id = c.buyer_id AND k.key = c.idempotency_key AND k.status = 'IN_FLIGHT')
SELECT count(*) AS confirmed FROM confirmed;
