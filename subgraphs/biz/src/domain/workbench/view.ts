import { type Actor, hasRole } from "@health/platform/auth";
import { forbidden } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { Period } from "@health/platform/period";
import type { BizDb } from "../../db.ts";
import { type WorkbenchDayFigures, type WorkbenchFigures, workbenchFigures } from "./figures.ts";
import { type LiveCounts, liveFigures } from "./liveFigures.ts";

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

export interface Workbench extends Omit<WorkbenchFigures, "days"> {
  coachId: string;
  period: Period;
  /** Orders assigned to the coach and neither completed nor cancelled now (whatever the period). */
  ordersInProgress: number;
  /** The coach's own live streams (M07) in the period. */
  live: LiveCounts;
  days: Array<WorkbenchDayFigures & { live: LiveCounts }>;
}

/** The coach's workbench over the period, from biz's own projections and live streams. */
export async function workbenchOf(
  db: BizDb,
  coachId: string,
  period: Period,
  now = new Date(),
): Promise<Workbench> {
  const during = { gte: period.from, lt: period.to };
  // One snapshot for all four reads: read side by side, an event committed between them showed as an
  // order in progress that no count of the period had yet.
  const [orders, gifts, ordersInProgress, streams] = await db.$transaction(
    [
      db.workbenchOrder.findMany({
        where: {
          coachId,
          OR: [
            { assignedAt: during },
            { completedAt: during },
            { cancelledAt: during },
            { settledAt: during },
          ],
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
      // Streams live at some instant of the period: started before its end, not ended before its start.
      db.liveStream.findMany({
        where: {
          hostId: coachId,
          startedAt: { lt: period.to },
          OR: [{ endedAt: null }, { endedAt: { gt: period.from } }],
        },
        select: { startedAt: true, endedAt: true },
      }),
    ],
    { isolationLevel: "RepeatableRead" },
  );
  const figures = workbenchFigures(period, orders, gifts);
  const live = liveFigures(period, streams, now);
  return {
    coachId,
    period,
    ordersInProgress,
    ...figures,
    live: { streamsStarted: live.streamsStarted, minutesLive: live.minutesLive },
    // Both are one entry per day of daysOf(period), in order.
    days: figures.days.map((day, i) => ({ ...day, live: live.days[i]! })),
  };
}
