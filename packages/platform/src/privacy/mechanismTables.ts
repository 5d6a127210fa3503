import type { SqlExecutor } from "../events/sql.ts";
import type { ErasedSubject, ErasedTable, TablePolicy } from "./subgraphPrivacy.ts";

/** The platform's own tables, which a subgraph's database holds when it uses the mechanism. */
export const MECHANISM_TABLE_POLICIES: Readonly<Record<string, TablePolicy>> = {
  outbox_events: {
    action: "DELETE",
    reason:
      "Sent events that name the person are deleted (JetStream already has them, and keeps them at most 7 days); an unsent one is kept for delivery with the person's id replaced by the tombstone id.",
  },
  inbox_events: { action: "NONE", reason: "Event ids and subjects only: what was consumed, not about whom." },
  idempotency_keys: {
    action: "DELETE",
    reason:
      "The person's retried requests with their stored answers, and any other caller's stored answer that shows the person.",
  },
  saga_instances: {
    action: "TOMBSTONE",
    reason:
      "A payment saga in flight must finish (money may be held); its data keeps running under the tombstone id.",
  },
  account_holds: {
    action: "DELETE",
    reason: "Risk holds on the person's account; an erased account does nothing that a hold could stop.",
  },
};

const exists = async (tx: SqlExecutor, table: string): Promise<boolean> => {
  const rows = await tx.$queryRawUnsafe<unknown[]>(
    `SELECT to_regclass($1) IS NOT NULL AS found`,
    `public.${table}`,
  );
  return (rows[0] as { found: boolean } | undefined)?.found === true;
};

/**
 * Erases the person from the mechanism tables the database has. Events are matched by the id anywhere in
 * their envelope (the contracts carry user ids, never names), so no producer has to list its keys.
 */
export async function eraseFromMechanismTables(
  tx: SqlExecutor,
  subject: ErasedSubject,
): Promise<ErasedTable[]> {
  const done: ErasedTable[] = [];
  const pattern = `%${subject.userId}%`;
  if (await exists(tx, "outbox_events")) {
    const deleted = await tx.$executeRawUnsafe(
      `DELETE FROM "outbox_events" WHERE "sent_at" IS NOT NULL AND "envelope"::text LIKE $1`,
      pattern,
    );
    const kept = await tx.$executeRawUnsafe(
      `UPDATE "outbox_events" SET "envelope" = replace("envelope"::text, $1, $2)::jsonb,
         "aggregate_id" = replace("aggregate_id", $1, $2)
       WHERE "sent_at" IS NULL AND ("envelope"::text LIKE $3 OR "aggregate_id" = $1)`,
      subject.userId,
      subject.tombstoneId,
      pattern,
    );
    done.push({ table: "outbox_events", action: "DELETED", rows: deleted });
    if (kept > 0) done.push({ table: "outbox_events", action: "TOMBSTONED", rows: kept });
  }
  if (await exists(tx, "idempotency_keys")) {
    // Their own retried requests, and another caller's stored answer that shows them (an operator's
    // capture of their payment, a gift sent to them).
    const rows = await tx.$executeRawUnsafe(
      `DELETE FROM "idempotency_keys" WHERE "caller_id" = $1 OR "answer"::text LIKE $2`,
      subject.userId,
      pattern,
    );
    done.push({ table: "idempotency_keys", action: "DELETED", rows });
  }
  if (await exists(tx, "saga_instances")) {
    const rows = await tx.$executeRawUnsafe(
      `UPDATE "saga_instances" SET "data" = replace("data"::text, $1, $2)::jsonb WHERE "data"::text LIKE $3`,
      subject.userId,
      subject.tombstoneId,
      pattern,
    );
    done.push({ table: "saga_instances", action: "TOMBSTONED", rows });
  }
  if (await exists(tx, "account_holds")) {
    const rows = await tx.$executeRawUnsafe(
      `DELETE FROM "account_holds" WHERE "user_id" = $1::uuid`,
      subject.userId,
    );
    done.push({ table: "account_holds", action: "DELETED", rows });
  }
  return done;
}
