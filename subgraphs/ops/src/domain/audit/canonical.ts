import { createHash } from "node:crypto";

/** A JSON value as stored in `details` (jsonb): what canonical JSON serialises. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The previous hash of row 1: 64 zeros (the chain head's genesis value, set by the migration). */
export const GENESIS_HASH = "0".repeat(64);

/** The fields of an audit row that its hash covers, the previous row's hash included. */
export interface AuditRecordFields {
  id: string;
  sequence: number;
  occurredAt: Date;
  recordedAt: Date;
  kind: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  action: string;
  details: JsonValue;
  eventId: string | null;
  prevHash: string;
}

/** A stored audit row: its fields and its own hash. */
export interface AuditRecord extends AuditRecordFields {
  hash: string;
}

/**
 * Canonical JSON (RFC 8785, JCS, for the values the audit log holds): object keys sorted by UTF-16
 * code units at every depth, no whitespace, strings and numbers as ECMAScript's JSON.stringify writes
 * them. Object members whose value is undefined are left out, as JSON and jsonb leave them out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} is not a JSON number.`);
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
    }
    default:
      throw new Error(`canonicalJson: a ${typeof value} is not a JSON value.`);
  }
}

/**
 * What a row's hash is computed over: one JSON object of its fields (times as ISO 8601 UTC with
 * milliseconds, `sequence` a number, `details` as stored), serialised canonically.
 */
export const canonicalForm = (row: AuditRecordFields): string =>
  canonicalJson({
    action: row.action,
    actorId: row.actorId,
    details: row.details,
    eventId: row.eventId,
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurredAt.toISOString(),
    prevHash: row.prevHash,
    recordedAt: row.recordedAt.toISOString(),
    sequence: row.sequence,
    subjectId: row.subjectId,
    subjectType: row.subjectType,
  });

/** SHA-256 of the row's canonical form (UTF-8), lowercase hex. */
export const hashOf = (row: AuditRecordFields): string =>
  createHash("sha256").update(canonicalForm(row), "utf8").digest("hex");

/** `details` as jsonb will give it back: undefined members dropped, so the hash computed now still holds. */
export const storedJson = (details: unknown): JsonValue => JSON.parse(JSON.stringify(details ?? {}));
