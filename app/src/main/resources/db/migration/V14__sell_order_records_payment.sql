-- The sale also records the payment's authorization, which was a statement of its own
-- (the order moved from CREATED to AUTHORIZED with the payment id): one round trip less
-- per purchase. An order now stays at CREATED until its sale commits; recovery undoes an
-- order found at CREATED by voiding whatever the provider authorized for it, by order
-- id, as it did at AUTHORIZED.
--
-- This overload takes the payment's id as well. It moves the order to AUTHORIZED and
-- sells through V13's version (from AUTHORIZED to COMMITTED) in the same transaction, so
-- the sale itself is written once; the fourteen-parameter version also stays for
-- instances of the previous release still running during an upgrade. Refusals as in
-- V13: BX001 seats or places lost, BX002 ticket limit, BX003 the order no longer at
-- CREATED (recovery took it over).
CREATE FUNCTION sell_order(
    p_order uuid, p_buyer uuid, p_event uuid, p_limit integer, p_count integer,
    p_seats text[], p_versions bigint[],
    p_pools uuid[], p_places integer[], p_sale text,
    p_ticket_ids uuid[], p_ticket_seats text[], p_ticket_types uuid[], p_codes text[],
    p_payment text)
RETURNS void
LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
    UPDATE orders SET payment_id = p_payment, step = 'AUTHORIZED'
    WHERE id = p_order AND step = 'CREATED' AND status = 'PENDING';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % is no longer at CREATED', p_order USING ERRCODE = 'BX003';
    END IF;
    PERFORM sell_order(p_order, p_buyer, p_event, p_limit, p_count, p_seats, p_versions, p_pools,
                       p_places, p_sale, p_ticket_ids, p_ticket_seats, p_ticket_types, p_codes);
END
$$;
