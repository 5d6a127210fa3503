import { orderAssignedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { AppError, conflict, ErrorCode, notFound } from "@health/platform/errors";
import { publishEvent } from "@health/platform/events";
import type { TradeTx } from "../deps.ts";
import type { GrabOutcome, ServiceOrder } from "../generated/prisma/client.ts";
import { activeOrderCount } from "./coachProfiles.ts";
import { decideGrab, type GrabDecision, type GrabRefusal, takenMessage } from "./grabRules.ts";
import { idArg } from "./ids.ts";
import type { CoachRules } from "./matching.ts";
import { announceOrderUpdated } from "./notifications.ts";
import { OrderStatus } from "./orderStateMachine.ts";
import type { OrderEffects } from "./orders.ts";

type GrabTxResult =
  | { kind: "won"; order: ServiceOrder }
  | { kind: "lost"; currentState: OrderStatus }
  | { kind: "refused"; decision: Extract<GrabDecision, { kind: "refuse" }>; expired: ServiceOrder | null };

/** A grab waits for the coach's lock behind that coach's other grabs; give it time under a burst. */
const GRAB_TX_OPTIONS = { maxWait: 20_000, timeout: 20_000 };

async function recordAttempt(
  tx: TradeTx,
  orderId: string,
  coachId: string,
  outcome: GrabOutcome,
  reason: GrabRefusal | null,
): Promise<void> {
  await tx.grabRequest.create({ data: { orderId, coachId, outcome, reason } });
}

/** Locks the coach's profile row: one coach's grabs run one at a time, so capacity is counted exactly. */
async function lockCoachRules(tx: TradeTx, coachId: string): Promise<CoachRules | null> {
  const rows = await tx.$queryRaw<CoachRules[]>`
    SELECT specialties, regions, level, capacity FROM coach_profiles WHERE coach_id = ${coachId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * POST /grab-orders. One transaction: lock the coach's profile, check rules and capacity, then let the
 * database pick the winner with `UPDATE ... WHERE id = $id AND status = 'OPEN'` (Postgres re-checks the
 * WHERE after waiting for a concurrent winner's row lock, so exactly one UPDATE counts 1). The attempt's
 * `grab_requests` row and, for the winner, the order_assigned outbox row commit with it. Errors are
 * thrown after the commit, so lost and refused attempts stay recorded.
 */
export async function grabOrder(
  effects: OrderEffects,
  actor: Actor,
  orderId: string,
  now: Date,
): Promise<ServiceOrder> {
  const id = idArg(orderId, "orderId");
  const coachId = actor.userId;
  const result = await effects.db.$transaction(async (tx): Promise<GrabTxResult> => {
    const rules = await lockCoachRules(tx, coachId);
    const order = await tx.serviceOrder.findUnique({ where: { id } });
    if (!order) throw notFound("Service order", id);
    const active = rules ? await activeOrderCount(tx, coachId) : 0;
    const decision = decideGrab(order, rules, active, now);
    if (decision.kind === "refuse") {
      let expired: ServiceOrder | null = null;
      if (decision.reason === "EXPIRED" && order.status === OrderStatus.OPEN) {
        await tx.serviceOrder.updateMany({
          where: { id, status: OrderStatus.OPEN },
          data: { status: OrderStatus.EXPIRED, expiredAt: now },
        });
        expired = await tx.serviceOrder.findUniqueOrThrow({ where: { id } });
      }
      await recordAttempt(tx, id, coachId, decision.reason === "TAKEN" ? "LOST" : "REFUSED", decision.reason);
      return { kind: "refused", decision, expired };
    }
    const won = await tx.$executeRaw`
      UPDATE service_orders
         SET status = 'ASSIGNED', coach_id = ${coachId}::uuid, assigned_at = ${now}, updated_at = ${now}
       WHERE id = ${id}::uuid AND status = 'OPEN' AND (grab_deadline IS NULL OR grab_deadline > ${now})`;
    if (won === 0) {
      const current = await tx.serviceOrder.findUniqueOrThrow({ where: { id }, select: { status: true } });
      await recordAttempt(tx, id, coachId, "LOST", "TAKEN");
      return { kind: "lost", currentState: current.status };
    }
    const assigned = await tx.serviceOrder.findUniqueOrThrow({ where: { id } });
    await publishEvent(
      tx,
      orderAssignedV1,
      { orderId: id, customerId: assigned.customerId, coachId, assignedAt: now.toISOString() },
      { aggregateId: id, actorId: coachId, occurredAt: now },
    );
    await recordAttempt(tx, id, coachId, "WON", null);
    return { kind: "won", order: assigned };
  }, GRAB_TX_OPTIONS);

  switch (result.kind) {
    case "won":
      announceOrderUpdated(effects.pubSub, result.order);
      return result.order;
    case "lost":
      throw conflict(takenMessage(id, result.currentState), { currentState: result.currentState });
    case "refused": {
      if (result.expired) announceOrderUpdated(effects.pubSub, result.expired);
      const { decision } = result;
      const currentState = result.expired?.status;
      throw new AppError(ErrorCode[decision.code], decision.message, {
        details: { reason: decision.reason, ...(currentState ? { currentState } : {}) },
      });
    }
  }
}
