import { type Actor, hasRole } from "@health/platform/auth";
import { badInput, forbidden } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { type Cursor, keysetAfter, type Page, pageRequest, toPage } from "@health/platform/pagination";
import type { FinanceDb } from "../../db.ts";
import type { Settlement as SettlementRow } from "../../generated/prisma/client.ts";

/** A report's period: settlements settled at or after `from` and before `to`. */
export interface SettlementPeriod {
  from: Date;
  to: Date;
}

/** One currency's totals over a period: they equal the SETTLEMENT transfers' entries in the ledger. */
export interface SettlementTotals {
  currency: string;
  ordersSettled: number;
  grossAmount: number;
  coachPayout: number;
  platformFee: number;
}

export const SETTLEMENTS_PAGE = { defaultSize: 50, maxSize: 200 };
/** The longest period one report covers. */
export const MAX_PERIOD_DAYS = 366;

/**
 * Whose settlements `actor` may see: a coach's own (coachId omitted or their own id); an admin's any
 * coach's, or every coach's (null) when coachId is omitted. Another coach's is FORBIDDEN.
 */
export function reportCoachFor(actor: Actor, coachId: string | null | undefined): string | null {
  const admin = hasRole(actor, "admin");
  if (!coachId) return admin ? null : actor.userId;
  const coach = uuidArg(coachId, "coachId", "a coach's user id");
  if (coach !== actor.userId && !admin) {
    throw forbidden("A coach sees only their own settlements; an admin sees any coach's.");
  }
  return coach;
}

/** `from` before `to`, at most 366 days apart, else BAD_USER_INPUT naming `to`. */
export function checkedPeriod(period: SettlementPeriod): SettlementPeriod {
  const span = period.to.getTime() - period.from.getTime();
  if (!(span > 0)) throw badInput("to", "to must be after from (the period is from ≤ settledAt < to).");
  if (span > MAX_PERIOD_DAYS * 24 * 60 * 60 * 1000) {
    throw badInput("to", `A report covers at most ${MAX_PERIOD_DAYS} days; ask for a shorter period.`);
  }
  return period;
}

const whereOf = (coachId: string | null, period: SettlementPeriod) => ({
  ...(coachId && { coachId }),
  settledAt: { gte: period.from, lt: period.to },
});

/** Per currency, the settlements of `coachId` (every coach's when null) in the period. */
export async function settlementTotalsOf(
  db: FinanceDb,
  coachId: string | null,
  period: SettlementPeriod,
): Promise<SettlementTotals[]> {
  const groups = await db.settlement.groupBy({
    by: ["currency"],
    where: whereOf(coachId, period),
    _count: { _all: true },
    _sum: { amount: true, coachPayout: true, platformFee: true },
    orderBy: { currency: "asc" },
  });
  return groups.map((group) => ({
    currency: group.currency,
    ordersSettled: group._count._all,
    grossAmount: group._sum.amount ?? 0,
    coachPayout: group._sum.coachPayout ?? 0,
    platformFee: group._sum.platformFee ?? 0,
  }));
}

const cursorOf = (row: SettlementRow): Cursor => ({ at: row.settledAt, id: row.id });

/** A page of the settlements behind the totals, newest first. */
export async function settlementsOf(
  db: FinanceDb,
  coachId: string | null,
  period: SettlementPeriod,
  args: { first?: number | null; after?: string | null },
): Promise<Page<SettlementRow>> {
  const { size, cursor } = pageRequest(args, SETTLEMENTS_PAGE);
  const rows = await db.settlement.findMany({
    where: { ...whereOf(coachId, period), ...keysetAfter(cursor, { at: "settledAt", id: "id" }) },
    orderBy: [{ settledAt: "desc" }, { id: "desc" }],
    take: size + 1,
  });
  return toPage(rows, size, cursorOf);
}
