import { type Actor, hasRole } from "@health/platform/auth";
import { forbidden } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { BizDb } from "../../db.ts";
import type { Period } from "../period.ts";
import { type WorkbenchFigures, workbenchFigures } from "./figures.ts";

/**
 * Whose workbench `actor` may read: their own (coachId omitted or their own id); an admin's any
 * coach's. Another's is FORBIDDEN.
 */
export function workbenchOwnerFor(actor: Actor, coachId: string | null | undefined): string {
  if (!coachId) return actor.userId;
  const coach = uuidArg(coachId, "coachId", "a coach's user id");
  if (coach !== actor.userId && !hasRole(actor, "admin")) {
    throw forbidden("A coach sees only their own workbench; an admin sees any coach's.");
  }
  return coach;
}

export interface Workbench extends WorkbenchFigures {
  coachId: string;
  period: Period;
  /** Orders assigned to the coach and neither completed nor cancelled now (whatever the period). */
  ordersInProgress: number;
}

/** The coach's workbench over the period, from biz's own projections. */
export async function workbenchOf(db: BizDb, coachId: string, period: Period): Promise<Workbench> {
  const during = { gte: period.from, lt: period.to };
  const [orders, gifts, ordersInProgress] = await Promise.all([
    db.workbenchOrder.findMany({
      where: {
        coachId,
        OR: [{ assignedAt: during }, { completedAt: during }, { cancelledAt: during }, { settledAt: during }],
      },
      select: {
        assignedAt: true,
        completedAt: true,
        cancelledAt: true,
        priceAmount: true,
        currency: true,
        settledAt: true,
        payoutAmount: true,
        payoutCurrency: true,
      },
    }),
    db.workbenchGift.findMany({
      where: { recipientId: coachId, sentAt: during },
      select: { sentAt: true, quantity: true, amount: true, currency: true },
    }),
    db.workbenchOrder.count({
      where: { coachId, assignedAt: { not: null }, completedAt: null, cancelledAt: null },
    }),
  ]);
  return { coachId, period, ordersInProgress, ...workbenchFigures(period, orders, gifts) };
}
