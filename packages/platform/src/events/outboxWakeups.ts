import pg from "pg";
import type { Logger } from "pino";
import { exponentialBackoffMs, RELAY_BACKOFF } from "./backoff.ts";
import { errorMessage } from "./natsErrors.ts";

/**
 * The channel the `outbox_events_notify` trigger (each outbox's migration) notifies once per inserting
 * statement. Postgres delivers it at commit, exactly when the rows become visible to the relay.
 */
export const OUTBOX_CHANNEL = "outbox_events";

/**
 * The trigger, as every subgraph's outbox migration writes it (Prisma's schema cannot state it): one
 * notification per inserting statement, which Postgres folds to one per transaction.
 */
export const OUTBOX_NOTIFY_TRIGGER_SQL = `
CREATE FUNCTION "outbox_events_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${OUTBOX_CHANNEL}', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "outbox_events_notify" AFTER INSERT ON "outbox_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "outbox_events_notify"();`;

export interface OutboxWakeups {
  /** True while the LISTEN connection is up: until then, and after losing it, the relay polls fast. */
  listening(): boolean;
  stop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Holds one connection in `LISTEN outbox_events` and calls `wake` on every notification, and on every
 * (re)connect, since rows committed while it was away sent their notification to nobody. A lost
 * connection is retried with the relay's backoff; the relay's fallback poll covers the gap.
 */
export function listenForOutboxRows(options: {
  connectionString: string;
  logger: Logger;
  wake: () => void;
}): OutboxWakeups {
  let client: pg.Client | undefined;
  let connected = false;
  let stopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({
      connectionString: options.connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: "outbox-relay-listener",
    });
    client = next;
    next.on("notification", () => options.wake());
    next.on("error", (error) => lost(next, error));
    next.on("end", () => lost(next, new Error("connection ended")));
    try {
      await next.connect();
      await next.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (stopped) return void (await next.end().catch(() => undefined));
      if (failures > 0) options.logger.info({ failures }, "outbox relay listening for new rows again");
      connected = true;
      failures = 0;
      options.wake();
    } catch (error) {
      lost(next, error);
    }
  };

  const lost = (which: pg.Client, error: unknown) => {
    if (which !== client || stopped || retry) return;
    if (connected || failures === 0)
      options.logger.warn(
        { error: errorMessage(error) },
        "outbox relay lost its LISTEN connection; polling fast",
      );
    connected = false;
    client = undefined;
    which.end().catch(() => undefined);
    retry = setTimeout(
      () => {
        retry = undefined;
        void connect();
      },
      exponentialBackoffMs(++failures, RELAY_BACKOFF),
    );
  };

  void connect();
  return {
    listening: () => connected,
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      connected = false;
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
