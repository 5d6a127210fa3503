import type { Actor } from "@health/platform/auth";
import { afterCursor, cursorOfRow, NEWEST_FIRST, type Page, toPage } from "@health/platform/pagination";
import type { TradeDb } from "../../db.ts";
import type { ServiceOrder } from "../../generated/prisma/client.ts";
import type { PageArgs } from "../orders/orders.ts";
import { OrderStatus } from "../orders/stateMachine.ts";
import { pageRequest } from "../pagination.ts";
import { activeOrderCount, coachProfileOf } from "./coachProfiles.ts";
import { type CoachRules, hasCapacity } from "./rules.ts";

const EMPTY: Page<ServiceOrder> = { nodes: [], endCursor: null, hasNextPage: false };

/** A coach's rules and who the coach is (a coach never grabs their own order). */
export type GrabbingCoach = CoachRules & { coachId: string };

/**
 * The `where` of the OPEN, unexpired orders a coach's rules match (the rules of rules.ts, in SQL), other
 * than the coach's own (decideGrab refuses those as SELF_GRAB).
 */
export const grabbableWhere = (coach: GrabbingCoach, now: Date) => ({
  status: OrderStatus.OPEN,
  customerId: { not: coach.coachId },
  specialty: { in: [...coach.specialties] },
  region: { in: [...coach.regions] },
  minCoachLevel: { lte: coach.level },
  OR: [{ grabDeadline: null }, { grabDeadline: { gt: now } }],
});

/**
 * GET /matching/available-orders: the OPEN orders the caller could grab now, newest first. Empty when
 * the coach has no profile or is at capacity (nothing is grabbable then).
 */
export async function availableOrders(
  db: TradeDb,
  actor: Actor,
  args: PageArgs,
  now: Date,
): Promise<Page<ServiceOrder>> {
  const { size, cursor } = pageRequest(args);
  const coach = await coachProfileOf(db, actor.userId);
  if (!coach || !hasCapacity(coach, await activeOrderCount(db, actor.userId))) return EMPTY;
  const rows = await db.serviceOrder.findMany({
    where: { AND: [grabbableWhere(coach, now), afterCursor(cursor)] },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}
