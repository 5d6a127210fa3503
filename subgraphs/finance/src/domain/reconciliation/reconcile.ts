import type { FinanceTx } from "../../db.ts";
import type { FinanceDeps } from "../../deps.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { DiscrepancyKind } from "../../generated/prisma/enums.ts";
import { dayOf } from "./day.ts";
import { gatherDay, type ReconciliationDay } from "./gather.ts";
import { repair } from "./repairs.ts";
import { type Finding, findDiscrepancies } from "./rules.ts";

// The daily reconciliation (issue 19, the seed's DataReconciliation): one day's trade orders (as finance
// recorded trade's events) against finance's payments and settlements. What is safe is repaired with the
// payments' own moves; the rest is flagged once in `reconciliation_discrepancies` for an operator; each
// run stores a report. Runs over one day are serialized by a Postgres advisory lock held by the run's
// bookkeeping transaction, so instances racing (the periodic job on every instance, an operator's
// command) take turns, and the later one finds nothing new.

export type ReconcileDeps = Pick<FinanceDeps, "db" | "payments" | "rates" | "reconciliation">;

/** Who ran it: the periodic job (once per day) or `npm run reconcile` (whenever asked). */
export type ReconcileTrigger = "SCHEDULE" | "COMMAND";

export type ReconciliationAction = "REPAIRED" | "FLAGGED";

export interface ReconciliationItem {
  kind: DiscrepancyKind;
  action: ReconciliationAction;
  orderId: string | null;
  paymentId: string | null;
  detail: string;
}

export interface ReconciliationCount {
  kind: DiscrepancyKind;
  found: number;
  repaired: number;
  flagged: number;
}

export interface ReconciliationOutcome {
  items: ReconciliationItem[];
  /** Flagged by an earlier run and seen again: not new. */
  alreadyFlagged: number;
}

/** The longest a run may take (its lock is held by one transaction). */
const RUN_TIMEOUT_MS = 10 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Flags `finding` once per kind and subject; true when it is new. */
async function flagOnce(tx: FinanceTx, finding: Finding, day: ReconciliationDay): Promise<boolean> {
  const inserted = await tx.$queryRawUnsafe<unknown[]>(
    `INSERT INTO reconciliation_discrepancies (kind, subject, order_id, payment_id, detail, report_date)
     VALUES ($1::"DiscrepancyKind", $2, $3::uuid, $4::uuid, $5, $6::date)
     ON CONFLICT (kind, subject) DO NOTHING RETURNING 1`,
    finding.kind,
    finding.subject,
    finding.orderId,
    finding.paymentId,
    finding.detail,
    day.date,
  );
  return inserted.length > 0;
}

/** Repairs what is repairable (a failed repair is flagged, saying why), flags the rest. */
async function handleFindings(
  deps: ReconcileDeps,
  tx: FinanceTx,
  findings: Finding[],
  day: ReconciliationDay,
  now: Date,
): Promise<ReconciliationOutcome> {
  const items: ReconciliationItem[] = [];
  let alreadyFlagged = 0;
  for (const finding of findings) {
    const { kind, orderId, paymentId } = finding;
    let toFlag = finding;
    if (finding.repair) {
      try {
        const repaired = await repair({ ...deps, feeBps: deps.rates.platformFeeBps }, finding, now);
        if (repaired) items.push({ kind, action: "REPAIRED", orderId, paymentId, detail: finding.detail });
        continue;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        toFlag = { ...finding, detail: `${finding.detail}; repair (${finding.repair}) failed: ${why}` };
      }
    }
    if (await flagOnce(tx, toFlag, day)) {
      items.push({ kind, action: "FLAGGED", orderId, paymentId, detail: toFlag.detail });
    } else {
      alreadyFlagged++;
    }
  }
  return { items, alreadyFlagged };
}

export function countsOf(items: ReconciliationItem[]): ReconciliationCount[] {
  const counts = new Map<DiscrepancyKind, ReconciliationCount>();
  for (const item of items) {
    const count = counts.get(item.kind) ?? { kind: item.kind, found: 0, repaired: 0, flagged: 0 };
    count.found++;
    if (item.action === "REPAIRED") count.repaired++;
    else count.flagged++;
    counts.set(item.kind, count);
  }
  return [...counts.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

/**
 * Reconciles the UTC day `date` (YYYY-MM-DD; BAD_USER_INPUT on `date` otherwise) and stores the run's
 * report, which it returns. A SCHEDULE run does nothing (null) when the day already has a scheduled
 * report. Running it again over the same day repairs nothing more and flags nothing new: its report's
 * `found` is 0.
 */
export async function reconcileDay(
  deps: ReconcileDeps,
  date: string,
  now: Date,
  trigger: ReconcileTrigger = "COMMAND",
) {
  const day = dayOf(date, now);
  const staleBefore = new Date(
    Math.min(day.end.getTime(), now.getTime()) - deps.reconciliation.holdMaxAgeHours * HOUR_MS,
  );
  return deps.db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        `SELECT pg_advisory_xact_lock(hashtext('finance.reconciliation'), $1::int)`,
        Math.floor(day.start.getTime() / (24 * HOUR_MS)),
      );
      if (trigger === "SCHEDULE") {
        const done = await tx.reconciliationReport.count({ where: { date: day.start, trigger } });
        if (done > 0) return null;
      }
      const facts = await gatherDay(deps.db, day, staleBefore);
      const findings = findDiscrepancies(facts, { staleBefore });
      const { items, alreadyFlagged } = await handleFindings(deps, tx, findings, day, now);
      const repaired = items.filter((item) => item.action === "REPAIRED").length;
      return tx.reconciliationReport.create({
        data: {
          date: day.start,
          trigger,
          ordersCompared: new Set(facts.orders.map((order) => order.orderId)).size,
          paymentsCompared: facts.payments.length,
          found: items.length,
          repaired,
          flagged: items.length - repaired,
          alreadyFlagged,
          counts: countsOf(items) as unknown as Prisma.InputJsonValue,
          items: items as unknown as Prisma.InputJsonValue,
          createdAt: now,
        },
      });
    },
    { timeout: RUN_TIMEOUT_MS, maxWait: RUN_TIMEOUT_MS },
  );
}
