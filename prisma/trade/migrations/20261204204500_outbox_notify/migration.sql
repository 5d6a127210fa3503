-- The outbox relay sleeps on LISTEN outbox_events instead of polling (packages/platform/src/events/
-- outboxWakeups.ts, OUTBOX_NOTIFY_TRIGGER_SQL): one notification per inserting statement, delivered at
-- commit, when the rows become visible to the relay.
CREATE FUNCTION "outbox_events_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_events', '');
  RETURN NULL;
END $$;

CREATE TRIGGER "outbox_events_notify" AFTER INSERT ON "outbox_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "outbox_events_notify"();
