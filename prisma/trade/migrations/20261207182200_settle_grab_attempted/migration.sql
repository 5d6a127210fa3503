-- trade_settle_grab (…_settle_grab says what it does) now also writes the winning attempt's
-- grab_attempted event (outcome WON) to the outbox in the win's transaction, so every attempt has its
-- event exactly once (attempts that do not win write theirs with their grab_requests row, queries.ts).
DROP FUNCTION trade_settle_grab(UUID, UUID, TIMESTAMPTZ(3), TIMESTAMPTZ(3), UUID, UUID, TEXT, JSONB, TEXT[]);

CREATE FUNCTION trade_settle_grab(
    p_order_id UUID,
    p_coach_id UUID,
    p_profile_version TIMESTAMPTZ(3),
    p_now TIMESTAMPTZ(3),
    p_grab_id UUID,
    p_event_id UUID,
    p_event_subject TEXT,
    p_event_envelope JSONB,
    p_active_statuses TEXT[],
    p_attempt_event_id UUID,
    p_attempt_subject TEXT,
    p_attempt_envelope JSONB
) RETURNS TABLE (outcome TEXT, status TEXT, active INTEGER)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_capacity INTEGER;
    v_active INTEGER;
BEGIN
    SELECT p.capacity INTO v_capacity FROM coach_profiles p
     WHERE p.coach_id = p_coach_id AND p.updated_at = p_profile_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'PROFILE_CHANGED', NULL::TEXT, NULL::INTEGER;
        RETURN;
    END IF;

    SELECT count(*)::INTEGER INTO v_active FROM service_orders a
     WHERE a.coach_id = p_coach_id AND a.status::TEXT = ANY(p_active_statuses);

    UPDATE service_orders o
       SET status = 'ASSIGNED', coach_id = p_coach_id, assigned_at = p_now, updated_at = p_now
     WHERE o.id = p_order_id AND o.status = 'OPEN' AND o.customer_id <> p_coach_id
       AND (o.grab_deadline IS NULL OR o.grab_deadline > p_now)
       AND v_active < v_capacity;
    IF FOUND THEN
        INSERT INTO grab_requests (id, order_id, coach_id, outcome, reason)
        VALUES (p_grab_id, p_order_id, p_coach_id, 'WON', NULL);
        -- clock_timestamp(): rows of one aggregate sort in the order they were written (outboxTable.ts).
        INSERT INTO outbox_events (id, subject, aggregate_id, envelope, created_at)
        VALUES (p_event_id, p_event_subject, p_order_id::TEXT, p_event_envelope, clock_timestamp());
        INSERT INTO outbox_events (id, subject, aggregate_id, envelope, created_at)
        VALUES (p_attempt_event_id, p_attempt_subject, p_attempt_envelope->>'aggregateId', p_attempt_envelope,
                clock_timestamp());
        RETURN QUERY SELECT 'WON', 'ASSIGNED', v_active + 1;
        RETURN;
    END IF;

    RETURN QUERY SELECT 'NOT_WON', o.status::TEXT, v_active FROM service_orders o WHERE o.id = p_order_id;
END;
$$;
