import { badInput } from "@health/platform/errors";
import type { OpsDb, OpsTx } from "../../db.ts";
import { type ChainLink, type ChainReport, ChainVerifier } from "./chain.ts";
import { AUDIT_COLUMNS, type AuditRow, toAuditRecord } from "./records.ts";

/** Rows read per query: the walk holds one batch at a time, never the whole log. */
export const VERIFY_BATCH = 500;

export interface VerifyRange {
  /** Rows recorded at or after (default: from the first row). */
  from?: Date | null;
  /** Rows recorded before (default: through the chain head, which the last row must match). */
  to?: Date | null;
}

export interface AuditChainVerification extends ChainReport {
  /** The chain head's sequence number when the walk started. */
  headSequence: number;
}

interface LinkRow {
  sequence: string;
  hash: string;
}

/**
 * Walks the audit chain (or the rows recorded in a range, and their link to the row before it) in
 * batches, in one repeatable-read snapshot so rows appended meanwhile are neither half seen nor taken for
 * insertions, and reports every changed, removed or inserted row by id (`ChainVerifier`).
 */
export async function verifyAuditChain(
  db: OpsDb,
  range: VerifyRange = {},
  batchSize = VERIFY_BATCH,
): Promise<AuditChainVerification> {
  if (range.from && range.to && !(range.from < range.to)) {
    throw badInput("to", "to must be after from (rows recorded from ≤ t < to).");
  }
  return db.$transaction(
    async (tx) => {
      const [headRow] = await tx.$queryRawUnsafe<LinkRow[]>(
        `SELECT "sequence"::text AS "sequence", "hash" FROM "audit_chain_head" WHERE "id" = 1`,
      );
      if (!headRow) throw new Error("The audit chain head is missing: run the ops migrations.");
      const head: ChainLink = { sequence: Number(headRow.sequence), hash: headRow.hash };
      const bounds = await rangeBounds(tx, range);
      if (bounds === "empty")
        return { ok: true, checkedRows: 0, problems: [], truncated: false, headSequence: head.sequence };
      const anchor = bounds.first === null ? undefined : await linkBefore(tx, bounds.first);
      const verifier = new ChainVerifier({ anchor, head: bounds.last === null ? head : null });
      let after: { sequence: string; id: string } | null = null;
      for (;;) {
        const rows: AuditRow[] = await tx.$queryRawUnsafe<AuditRow[]>(
          `SELECT ${AUDIT_COLUMNS} FROM "audit_log"
           WHERE ($1::bigint IS NULL OR ("sequence", "id"::text) > ($1::bigint, $2::text))
             AND ($3::bigint IS NULL OR "sequence" <= $3::bigint)
             AND ($4::bigint IS NULL OR "sequence" >= $4::bigint)
           ORDER BY "audit_log"."sequence", "audit_log"."id" LIMIT ${batchSize}`,
          after?.sequence ?? null,
          after?.id ?? "",
          bounds.last,
          bounds.first,
        );
        for (const row of rows) verifier.push(toAuditRecord(row));
        const lastRow: AuditRow | undefined = rows.at(-1);
        if (rows.length < batchSize || !lastRow) break;
        after = { sequence: lastRow.sequence, id: lastRow.id };
      }
      const nextPrevHash = bounds.last === null ? undefined : await prevHashAfter(tx, bounds.last, head);
      return { ...verifier.finish(nextPrevHash), headSequence: head.sequence };
    },
    { isolationLevel: "RepeatableRead", timeout: 10 * 60_000, maxWait: 10_000 },
  );
}

type Tx = OpsTx;

/** The sequence numbers of the first and last rows recorded in the range (null: unbounded that side). */
async function rangeBounds(
  tx: Tx,
  range: VerifyRange,
): Promise<{ first: number | null; last: number | null } | "empty"> {
  if (!range.from && !range.to) return { first: null, last: null };
  const [row] = await tx.$queryRawUnsafe<{ first: string | null; last: string | null }[]>(
    `SELECT min("sequence")::text AS "first", max("sequence")::text AS "last" FROM "audit_log"
     WHERE ($1::timestamptz IS NULL OR "recorded_at" >= $1::timestamptz)
       AND ($2::timestamptz IS NULL OR "recorded_at" < $2::timestamptz)`,
    range.from?.toISOString() ?? null,
    range.to?.toISOString() ?? null,
  );
  if (!row?.first || !row.last) return "empty";
  return { first: range.from ? Number(row.first) : null, last: range.to ? Number(row.last) : null };
}

/** The row the range's first row must link to: the newest before it (the genesis when there is none). */
async function linkBefore(tx: Tx, first: number): Promise<ChainLink | undefined> {
  const [row] = await tx.$queryRawUnsafe<LinkRow[]>(
    `SELECT "sequence"::text AS "sequence", "hash" FROM "audit_log" WHERE "sequence" < $1::bigint
     ORDER BY "audit_log"."sequence" DESC, "audit_log"."id" DESC LIMIT 1`,
    first,
  );
  return row ? { sequence: Number(row.sequence), hash: row.hash } : undefined;
}

/** The previous hash of the first row after the range: the link the range's last row must make. */
async function prevHashAfter(tx: Tx, last: number, head: ChainLink): Promise<string | null> {
  const [row] = await tx.$queryRawUnsafe<{ prevHash: string }[]>(
    `SELECT "prev_hash" AS "prevHash" FROM "audit_log" WHERE "sequence" > $1::bigint ORDER BY "audit_log"."sequence", "audit_log"."id" LIMIT 1`,
    last,
  );
  return row?.prevHash ?? (head.sequence === last ? head.hash : null);
}
