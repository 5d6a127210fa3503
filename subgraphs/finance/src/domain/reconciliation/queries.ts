import { financeAdminActionRecordedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { conflict, notFound } from "@health/platform/errors";
import { publishAdminAction } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import {
  afterCursor,
  cursorOfRow,
  NEWEST_FIRST,
  type Page,
  pageRequest,
  toPage,
} from "@health/platform/pagination";
import type { FinanceDb } from "../../db.ts";
import type {
  ReconciliationDiscrepancy as DiscrepancyRow,
  ReconciliationReport as ReportRow,
} from "../../generated/prisma/client.ts";
import type { DiscrepancyStatus } from "../../generated/prisma/enums.ts";
import { reasonOf } from "../ledger/rules.ts";

export const RECONCILIATION_PAGE = { defaultSize: 20, maxSize: 100 };

/** The reconciliation runs' reports, newest first (admins only: the resolver's gate). */
export async function reconciliationReportsOf(
  db: FinanceDb,
  args: { first?: number | null; after?: string | null },
): Promise<Page<ReportRow>> {
  const { size, cursor } = pageRequest(args, RECONCILIATION_PAGE);
  const rows = await db.reconciliationReport.findMany({
    where: afterCursor(cursor),
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}

/** Flagged discrepancies (of one status, or all), newest first. */
export async function reconciliationDiscrepanciesOf(
  db: FinanceDb,
  status: DiscrepancyStatus | null,
  args: { first?: number | null; after?: string | null },
): Promise<Page<DiscrepancyRow>> {
  const { size, cursor } = pageRequest(args, RECONCILIATION_PAGE);
  const rows = await db.reconciliationDiscrepancy.findMany({
    where: { ...(status && { status }), ...afterCursor(cursor) },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}

/**
 * An operator closes an OPEN discrepancy, saying what was done (`note`), recorded with who and when.
 * NOT_FOUND for an unknown id; CONFLICT when it is already resolved (by whom, when).
 */
export async function resolveReconciliationDiscrepancy(
  db: FinanceDb,
  operator: Actor,
  input: { id: string; note: string },
  now: Date,
): Promise<DiscrepancyRow> {
  const id = uuidArg(input.id, "id", "a discrepancy id");
  const note = reasonOf(input.note, "note");
  return db.$transaction(async (tx) => {
    const { count } = await tx.reconciliationDiscrepancy.updateMany({
      where: { id, status: "OPEN" },
      data: { status: "RESOLVED", resolvedBy: operator.userId, resolvedAt: now, resolutionNote: note },
    });
    const row = await tx.reconciliationDiscrepancy.findUnique({ where: { id } });
    if (!row) throw notFound("ReconciliationDiscrepancy", id);
    if (count === 0) {
      throw conflict(
        `Discrepancy ${id} was already resolved by ${row.resolvedBy} at ${row.resolvedAt?.toISOString()}.`,
        { currentState: row.status },
      );
    }
    // ops's audit log (M18): the resolution, committed with it.
    await publishAdminAction(tx, financeAdminActionRecordedV1, operator, {
      action: "resolve_reconciliation_discrepancy",
      subjectType: "ReconciliationDiscrepancy",
      subjectId: id,
      details: { note },
    });
    return row;
  });
}
