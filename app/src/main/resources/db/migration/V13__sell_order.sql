-- The commit of a purchase, in one statement: what the saga sent as six round trips
-- (BEGIN, the ticket-limit lock, the count, the seats, the places, the tickets with
-- the step, COMMIT) is one call, and the statement is its own transaction. Each query
-- in a VOLATILE PL/pgSQL function takes a fresh snapshot, so the count after the lock
-- sees every purchase of the same buyer and event that committed before the lock was
-- granted, as the separate statements did.
--
-- It sells everything or nothing. Every refusal raises, which rolls the whole
-- statement back; the service reads the refusal from the SQLSTATE:
--   BX001  a seat is no longer at its held version, or a pool has fewer free places;
--   BX002  the buyer's ticket limit would be exceeded;
--   BX003  the order is no longer at AUTHORIZED (recovery took it over).
-- A second valid ticket for a seat still fails on tickets' unique index (23505).
CREATE FUNCTION sell_order(
    p_order uuid, p_buyer uuid, p_event uuid, p_limit integer, p_count integer,
    p_seats text[], p_versions bigint[],
    p_pools uuid[], p_places integer[], p_sale text,
    p_ticket_ids uuid[], p_ticket_seats text[], p_ticket_types uuid[], p_codes text[])
RETURNS void
LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    n bigint;
BEGIN
    -- A buyer's purchases for one event, one at a time until the transaction ends.
    PERFORM pg_advisory_xact_lock(hashtextextended('tickets:' || p_buyer || ':' || p_event, 0));
    SELECT count(*) INTO n FROM tickets
    WHERE buyer_id = p_buyer AND event_id = p_event AND status = 'VALID';
    IF n + p_count > p_limit THEN
        RAISE EXCEPTION 'ticket limit of % reached', p_limit USING ERRCODE = 'BX002';
    END IF;

    -- The seats, each still at the version it had when held (the optimistic check).
    IF cardinality(p_seats) > 0 THEN
        UPDATE seats s SET status = 'SOLD', version = s.version + 1
        FROM unnest(p_seats, p_versions) AS expected(seat_id, version)
        WHERE s.event_id = p_event AND s.seat_id = expected.seat_id
          AND s.version = expected.version AND s.status = 'AVAILABLE';
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> cardinality(p_seats) THEN
            RAISE EXCEPTION 'seats no longer available' USING ERRCODE = 'BX001';
        END IF;
    END IF;

    -- The places of pools PostgreSQL arbitrates: free units, skipping those another
    -- sale has locked; too few is a lost sale.
    IF cardinality(p_pools) > 0 THEN
        WITH wanted AS (
            SELECT id, k FROM unnest(p_pools, p_places) AS w(id, k)),
        free AS (
            SELECT f.allotment_id, f.unit
            FROM wanted w CROSS JOIN LATERAL (
                SELECT allotment_id, unit FROM allotment_units
                WHERE allotment_id = w.id AND order_id IS NULL
                LIMIT w.k FOR UPDATE SKIP LOCKED) f)
        UPDATE allotment_units u SET order_id = p_order, sale = p_sale
        FROM free WHERE u.allotment_id = free.allotment_id AND u.unit = free.unit;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> (SELECT sum(k) FROM unnest(p_places) AS k) THEN
            RAISE EXCEPTION 'places no longer available' USING ERRCODE = 'BX001';
        END IF;
    END IF;

    INSERT INTO tickets (id, order_id, event_id, seat_id, ticket_type_id, buyer_id, code, status)
    SELECT id, p_order, p_event, seat, type, p_buyer, code, 'VALID'
    FROM unnest(p_ticket_ids, p_ticket_seats, p_ticket_types, p_codes) AS t(id, seat, type, code);

    UPDATE orders SET step = 'COMMITTED', updated_at = now()
    WHERE id = p_order AND step = 'AUTHORIZED' AND status = 'PENDING';
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n <> 1 THEN
        RAISE EXCEPTION 'order % is no longer at AUTHORIZED', p_order USING ERRCODE = 'BX003';
    END IF;
END
$$;
