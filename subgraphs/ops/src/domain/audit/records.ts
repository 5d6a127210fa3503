import type { AuditRecord, JsonValue } from "./canonical.ts";

/**
 * The columns of `audit_log` as raw SQL selects them, each as a hash needs it. Some are renamed or cast:
 * ORDER BY must name the table's columns (`"audit_log"."sequence"`), not these output names.
 */
export const AUDIT_COLUMNS = `"id"::text AS "id", "sequence"::text AS "sequence", "occurred_at" AS "occurredAt",
  "recorded_at" AS "recordedAt", "kind", "actor_id" AS "actorId", "subject_type" AS "subjectType",
  "subject_id" AS "subjectId", "action", "details"::text AS "details", "event_id"::text AS "eventId", "prev_hash" AS "prevHash", "hash"`;

export interface AuditRow {
  id: string;
  sequence: string;
  occurredAt: Date | string;
  recordedAt: Date | string;
  kind: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  action: string;
  /** jsonb as text: parsed here, so a string value is never mistaken for JSON text. */
  details: string;
  eventId: string | null;
  prevHash: string;
  hash: string;
}

/** A selected row as the record its hash was computed over. */
export const toAuditRecord = (row: AuditRow): AuditRecord => ({
  ...row,
  sequence: Number(row.sequence),
  occurredAt: new Date(row.occurredAt),
  recordedAt: new Date(row.recordedAt),
  details: JSON.parse(row.details) as JsonValue,
});
