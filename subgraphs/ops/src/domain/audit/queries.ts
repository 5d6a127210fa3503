import { badInput } from "@health/platform/errors";
import { decodeCursor, encodeCursor, type Page, pageSize } from "@health/platform/pagination";
import type { OpsDb } from "../../db.ts";
import type { AuditRecord } from "./canonical.ts";
import { storedIdsOf, withUserIds } from "./pseudonyms.ts";
import { AUDIT_COLUMNS, type AuditRow, toAuditRecord } from "./records.ts";

export const AUDIT_PAGE = { defaultSize: 50, maxSize: 200 };

export interface AuditLogFilter {
  actorId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  /** Occurred at or after. */
  from?: Date | null;
  /** Occurred before. */
  to?: Date | null;
  first?: number | null;
  after?: string | null;
}

/** Checks a filter before any read: BAD_USER_INPUT naming the field. */
export function checkedFilter(filter: AuditLogFilter) {
  if (filter.subjectId && !filter.subjectType) {
    throw badInput("subjectType", "subjectId names a subject only with its subjectType (e.g. ServiceOrder).");
  }
  if (filter.from && filter.to && !(filter.from < filter.to)) {
    throw badInput("to", "to must be after from (rows that occurred from ≤ t < to).");
  }
  const size = pageSize(filter.first, AUDIT_PAGE);
  const before = filter.after ? sequenceOf(filter.after) : null;
  return { size, before };
}

/** The sequence number a cursor of this list holds (its id part). */
function sequenceOf(after: string): string {
  const { id } = decodeCursor(after, "after");
  if (!/^[1-9][0-9]{0,17}$/.test(id)) {
    throw badInput("after", "after is not a cursor of auditLog; pass pageInfo.endCursor unchanged.");
  }
  return id;
}

/**
 * A page of the audit log, newest first (by sequence number), filtered by actor, subject and time; each
 * filter has its index (actor, subject: with the sequence number; time: occurred_at). People are stored
 * as pseudonyms: a filter on a user id matches their pseudonym, and the page shows user ids again (an
 * erased person's pseudonym, with no mapping left, shows as it is: their tombstone).
 */
export async function auditLogPage(db: OpsDb, filter: AuditLogFilter): Promise<Page<AuditRecord>> {
  const { size, before } = checkedFilter(filter);
  const actorIds = filter.actorId ? await storedIdsOf(db, filter.actorId) : null;
  const subjectIds = !filter.subjectId
    ? null
    : filter.subjectType === "User"
      ? await storedIdsOf(db, filter.subjectId)
      : [filter.subjectId];
  const rows = await db.$queryRawUnsafe<AuditRow[]>(
    `SELECT ${AUDIT_COLUMNS} FROM "audit_log"
     WHERE ($1::text[] IS NULL OR "actor_id" = ANY($1::text[]))
       AND ($2::text IS NULL OR "subject_type" = $2)
       AND ($3::text[] IS NULL OR "subject_id" = ANY($3::text[]))
       AND ($4::timestamptz IS NULL OR "occurred_at" >= $4::timestamptz)
       AND ($5::timestamptz IS NULL OR "occurred_at" < $5::timestamptz)
       AND ($6::bigint IS NULL OR "sequence" < $6::bigint)
     ORDER BY "audit_log"."sequence" DESC, "audit_log"."id" DESC
     LIMIT ${size + 1}`,
    actorIds,
    filter.subjectType ?? null,
    subjectIds,
    filter.from?.toISOString() ?? null,
    filter.to?.toISOString() ?? null,
    before,
  );
  const nodes = await withUserIds(db, rows.slice(0, size).map(toAuditRecord));
  const last = nodes.at(-1);
  return {
    nodes,
    hasNextPage: rows.length > size,
    endCursor: last ? encodeCursor({ at: last.recordedAt, id: String(last.sequence) }) : null,
  };
}
