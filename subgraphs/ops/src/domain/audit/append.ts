import { type SqlExecutor, uuidv7 } from "@health/platform/events";
import { type AuditRecord, hashOf, storedJson } from "./canonical.ts";
import { pseudonymised } from "./pseudonyms.ts";

/** What a row records: a catalogued event, or an admin's or an operator's action. */
export const AUDIT_KINDS = ["EVENT", "ADMIN_ACTION", "OPERATOR_ACTION"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** One thing to record. */
export interface AuditEntry {
  kind: AuditKind;
  /** Who did it (a user id), or null for the platform itself (a sweeper, a rule). */
  actorId: string | null;
  /** What it was done to: a type name ("ServiceOrder", "User") and its id. */
  subjectType: string;
  subjectId: string;
  /** What was done: an event's name, or an action's ("adjust_points", "resolve_alert"). */
  action: string;
  /** Anything else worth keeping; stored as JSON. */
  details: unknown;
  /** When it happened (default: now). */
  occurredAt?: Date;
  /** The event's id, for an EVENT row: a second row for one event is refused. */
  eventId?: string | null;
}

interface HeadRow {
  sequence: bigint | number;
  hash: string;
}

/**
 * Appends one row to the audit log through `tx`, in the caller's transaction: the row commits or rolls
 * back with the action it records. Locks the chain head (one row) FOR UPDATE, so appends take sequence
 * numbers one at a time in commit order and the chain has no gap; call it as the LAST write of the
 * transaction so the lock is held briefly. Returns null, writing nothing, for an event already recorded.
 * Every user id the entry names is stored, and hashed, as the person's pseudonym (`pseudonyms.ts`); the
 * returned row is as stored.
 *
 * For ops's own admin and operator actions (ratings, certificates, notifications, risk alerts):
 * `await appendAudit(tx, { kind: "OPERATOR_ACTION", actorId: actor.userId, subjectType: "RiskAlert", subjectId: alert.id, action: "resolve_alert", details: { note } })`.
 */
export async function appendAudit(tx: SqlExecutor, entry: AuditEntry): Promise<AuditRecord | null> {
  const [head] = await tx.$queryRawUnsafe<HeadRow[]>(
    `SELECT "sequence", "hash" FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE`,
  );
  if (!head) throw new Error("The audit chain head is missing: run the ops migrations.");
  if (entry.eventId) {
    const seen = await tx.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM "audit_log" WHERE "event_id" = $1::uuid`,
      entry.eventId,
    );
    if (seen.length > 0) return null;
  }
  const people = await pseudonymised(tx, {
    actorId: entry.actorId,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    details: storedJson(entry.details),
  });
  const fields = {
    id: uuidv7(),
    sequence: Number(head.sequence) + 1,
    occurredAt: new Date(entry.occurredAt ?? Date.now()),
    recordedAt: new Date(),
    kind: entry.kind,
    ...people,
    action: entry.action,
    eventId: entry.eventId ?? null,
    prevHash: head.hash,
  };
  const row: AuditRecord = { ...fields, hash: hashOf(fields) };
  await tx.$executeRawUnsafe(
    `INSERT INTO "audit_log" ("id", "sequence", "occurred_at", "recorded_at", "kind", "actor_id", "subject_type",
       "subject_id", "action", "details", "event_id", "prev_hash", "hash")
     VALUES ($1::uuid, $2::bigint, $3::timestamptz, $4::timestamptz, $5, $6, $7, $8, $9, $10::jsonb, $11::uuid, $12, $13)`,
    row.id,
    row.sequence,
    row.occurredAt.toISOString(),
    row.recordedAt.toISOString(),
    row.kind,
    row.actorId,
    row.subjectType,
    row.subjectId,
    row.action,
    JSON.stringify(row.details),
    row.eventId,
    row.prevHash,
    row.hash,
  );
  await tx.$executeRawUnsafe(
    `UPDATE "audit_chain_head" SET "sequence" = $1::bigint, "hash" = $2 WHERE "id" = 1`,
    row.sequence,
    row.hash,
  );
  return row;
}
