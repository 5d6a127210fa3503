-- Follows made before dynamic published user_followed (issue 11): one user_followed each, in the outbox the
-- previous migration created, so that consumers (biz's workbench followers) learn about them too. The
-- envelope is the one publishEvent writes (packages/events/src/envelope.ts, dynamic/userFollowed.v1.ts),
-- dated with the follow's own time; the relay publishes them like any other row.
INSERT INTO "outbox_events" ("id", "subject", "aggregate_id", "envelope", "created_at")
SELECT
    event.id,
    'dynamic.user_followed.v1',
    f."followee_id"::text,
    jsonb_build_object(
        'id', event.id::text,
        'name', 'user_followed',
        'version', 1,
        'producer', 'dynamic',
        'occurredAt', event.at,
        'aggregateId', f."followee_id"::text,
        'actorId', f."follower_id"::text,
        'traceparent', NULL,
        'payload', jsonb_build_object(
            'followerId', f."follower_id"::text,
            'followeeId', f."followee_id"::text,
            'at', event.at
        )
    ),
    clock_timestamp()
FROM "follows" f
CROSS JOIN LATERAL (
    SELECT
        gen_random_uuid() AS id,
        to_char(f."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
) event
ORDER BY f."created_at";
