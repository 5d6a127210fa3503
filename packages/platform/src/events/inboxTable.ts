import type { SqlExecutor } from "./sql.ts";

/**
 * Records that `consumer` processed these events (model InboxEvent, README.md), in one statement, and
 * returns the ids it had not recorded before. The caller runs handlers only for those, so a
 * redelivered event has no second effect.
 */
export async function recordInInbox(
  tx: SqlExecutor,
  consumer: string,
  events: ReadonlyArray<{ eventId: string; subject: string }>,
): Promise<Set<string>> {
  const rows = await tx.$queryRawUnsafe<Array<{ eventId: string }>>(
    `INSERT INTO inbox_events (event_id, consumer, subject)
     SELECT e.event_id, $1, e.subject FROM unnest($2::uuid[], $3::text[]) AS e(event_id, subject)
     ON CONFLICT (event_id, consumer) DO NOTHING
     RETURNING event_id::text AS "eventId"`,
    consumer,
    events.map((event) => event.eventId),
    events.map((event) => event.subject),
  );
  return new Set(rows.map((row) => row.eventId));
}
