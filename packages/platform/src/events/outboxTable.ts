import type { EventEnvelope } from "@health/events/envelope";
import type { SqlExecutor } from "./sql.ts";

// The SQL of the `outbox_events` table (model OutboxEvent, README.md). Casts are explicit because a
// Prisma client and a pg pool type untyped parameters differently.

export interface OutboxRow {
  id: string;
  /** The catalog subject; the relay adds the bus prefix. */
  subject: string;
  aggregateId: string;
  envelope: EventEnvelope;
  createdAt: Date;
}

export interface OutboxFailure {
  id: string;
  error: string;
}

export async function insertOutboxRow(
  tx: SqlExecutor,
  row: { subject: string; envelope: EventEnvelope },
): Promise<void> {
  // clock_timestamp(), not now(): now() is the transaction's start, but rows of one aggregate must
  // sort in the order they were written under that aggregate's lock.
  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_events (id, subject, aggregate_id, envelope, created_at)
     VALUES ($1::uuid, $2, $3, $4::jsonb, clock_timestamp())`,
    row.envelope.id,
    row.subject,
    row.envelope.aggregateId,
    JSON.stringify(row.envelope),
  );
}

/** Locks up to `limit` unsent rows, oldest first, skipping rows another relay holds. */
export async function claimUnsentRows(tx: SqlExecutor, limit: number): Promise<OutboxRow[]> {
  const rows = await tx.$queryRawUnsafe<Array<Omit<OutboxRow, "envelope"> & { envelope: unknown }>>(
    `SELECT id::text AS id, subject, aggregate_id AS "aggregateId", envelope, created_at AS "createdAt"
       FROM outbox_events
      WHERE sent_at IS NULL
      ORDER BY outbox_events.created_at, outbox_events.id
      LIMIT $1
      FOR UPDATE SKIP LOCKED`,
    limit,
  );
  return rows.map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    envelope: (typeof row.envelope === "string" ? JSON.parse(row.envelope) : row.envelope) as EventEnvelope,
  }));
}

export type RowKey = Pick<OutboxRow, "createdAt" | "id">;

/** The outbox order: `created_at`, then the (time-ordered) id. */
export const isBefore = (a: RowKey, b: RowKey): boolean =>
  a.createdAt.getTime() < b.createdAt.getTime() ||
  (a.createdAt.getTime() === b.createdAt.getTime() && a.id < b.id);

/**
 * For each claimed aggregate, its oldest unsent row that this relay did not claim because another
 * relay holds it. Claimed rows behind such a row must wait, or two relays would publish out of order.
 */
export async function oldestRowsHeldElsewhere(
  tx: SqlExecutor,
  claimed: readonly OutboxRow[],
): Promise<Map<string, RowKey>> {
  const newest = claimed.at(-1);
  if (!newest) return new Map();
  const rows = await tx.$queryRawUnsafe<Array<{ aggregateId: string; createdAt: Date; id: string }>>(
    `SELECT DISTINCT ON (aggregate_id) aggregate_id AS "aggregateId", created_at AS "createdAt", id::text AS id
       FROM outbox_events
      WHERE sent_at IS NULL
        AND created_at <= $1::timestamptz
        AND aggregate_id = ANY($2::text[])
        AND NOT (id = ANY($3::uuid[]))
      ORDER BY aggregate_id, created_at, id`,
    newest.createdAt,
    [...new Set(claimed.map((row) => row.aggregateId))],
    claimed.map((row) => row.id),
  );
  return new Map(rows.map((row) => [row.aggregateId, { createdAt: new Date(row.createdAt), id: row.id }]));
}

export async function markSent(tx: SqlExecutor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE outbox_events
        SET sent_at = now(), attempts = attempts + 1, last_error = NULL
      WHERE id = ANY($1::uuid[])`,
    ids,
  );
}

export async function markFailed(tx: SqlExecutor, failures: readonly OutboxFailure[]): Promise<void> {
  if (failures.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE outbox_events AS o
        SET attempts = o.attempts + 1, last_error = f.error
       FROM unnest($1::uuid[], $2::text[]) AS f(id, error)
      WHERE o.id = f.id`,
    failures.map((failure) => failure.id),
    failures.map((failure) => failure.error),
  );
}

export interface OutboxBacklog {
  unsent: number;
  /** Age of the oldest unsent row in seconds; 0 when there is none. */
  oldestAgeSeconds: number;
}

export async function outboxBacklog(db: SqlExecutor): Promise<OutboxBacklog> {
  const [row] = await db.$queryRawUnsafe<Array<{ unsent: number; oldestAgeSeconds: number | null }>>(
    `SELECT count(*)::int AS unsent,
            extract(epoch FROM clock_timestamp() - min(created_at))::float8 AS "oldestAgeSeconds"
       FROM outbox_events
      WHERE sent_at IS NULL`,
  );
  return {
    unsent: Number(row?.unsent ?? 0),
    oldestAgeSeconds: Math.max(0, Number(row?.oldestAgeSeconds ?? 0)),
  };
}

/** Deletes up to `limit` rows sent before `before`; returns how many went. */
export async function deleteSentRows(db: SqlExecutor, before: Date, limit = 5_000): Promise<number> {
  return db.$executeRawUnsafe(
    `DELETE FROM outbox_events
      WHERE id IN (SELECT id FROM outbox_events WHERE sent_at < $1::timestamptz LIMIT $2)`,
    before,
    limit,
  );
}
