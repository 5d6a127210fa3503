import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseUrlFor } from "../config/serviceConfig.ts";
import type { TransactionalDb } from "../events/sql.ts";
import { withDatabase } from "../migrate/databaseUrl.ts";
import { pgTransactionalDb } from "./pgTransactionalDb.ts";

/** What Prisma migrates from the OutboxEvent and InboxEvent models (packages/platform/src/events/README.md). */
export const EVENT_TABLES_SQL = `
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "outbox_events_sent_at_created_at_idx" ON "outbox_events"("sent_at", "created_at");
CREATE TABLE "inbox_events" (
    "event_id" UUID NOT NULL,
    "consumer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "inbox_events_pkey" PRIMARY KEY ("event_id","consumer")
);`;

export interface EventsTestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  /** The pool as a Prisma-like `TransactionalDb`. */
  db: TransactionalDb;
  /** Ends the pool and drops the database `WITH (FORCE)`. */
  close(): Promise<void>;
}

/**
 * A fresh database `<prefix>_<random>` holding only the outbox and inbox tables plus `extraSql` (a
 * test's own tables), for exercising the event mechanism without a subgraph's generated client.
 */
export async function createEventsTestDatabase(
  options: { prefix?: string; extraSql?: string; maxConnections?: number } = {},
): Promise<EventsTestDatabase> {
  const server = databaseUrlFor("events");
  const name = `${options.prefix ?? "events_t"}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: withDatabase(server, "postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(server, name);
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // DROP ... WITH (FORCE) in close() may end a connection the pool is still closing.
  pool.on("error", () => undefined);
  await pool.query(`${EVENT_TABLES_SQL}\n${options.extraSql ?? ""}`);
  return {
    name,
    url,
    pool,
    db: pgTransactionalDb(pool),
    close: async () => {
      await pool.end();
      const dropper = new pg.Client({ connectionString: withDatabase(server, "postgres") });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
