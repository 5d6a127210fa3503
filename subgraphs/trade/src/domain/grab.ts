import { orderAssignedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { AppError, conflict, ErrorCode, forbidden, notFound } from "@health/platform/errors";
import { publishEvent } from "@health/platform/events";
import type { ServiceOrder } from "../generated/prisma/client.ts";
import type { GrabBatches } from "./grabBatches.ts";
import { assignIfOpen, currentGrabState, lockCoachRules, recordAttempt } from "./grabQueries.ts";
import { decideGrab, type GrabDecision, takenMessage } from "./grabRules.ts";
import { idArg, isUuid } from "./ids.ts";
import { announceOrderUpdated } from "./notifications.ts";
import { OrderStatus } from "./orderStateMachine.ts";
import type { OrderEffects } from "./orders.ts";

type Refusal = Extract<GrabDecision, { kind: "refuse" }>;

/** What a grab needs: the order effects, and the statements it shares with concurrent grabs. */
export interface GrabEffects extends OrderEffects {
  grabs: GrabBatches;
}

type Attempt =
  | { kind: "won"; order: ServiceOrder }
  | { kind: "lost"; currentState: OrderStatus }
  | { kind: "refused"; decision: Refusal; currentState: OrderStatus | null };

/** A grab waits for the coach's lock behind that coach's other grabs; give it time under a burst. */
const GRAB_TX_OPTIONS = { maxWait: 20_000, timeout: 20_000 };

/**
 * POST /grab-orders. Most attempts in a race lose, so the rules are first decided from one unlocked
 * read (order, coach rules, active orders): a refusal from it is already true when read (an order never
 * becomes OPEN again; rules and counts read a moment earlier are a valid answer), and is recorded with
 * one INSERT. Concurrent grabs share that read and that INSERT (grabBatches.ts). Only an attempt that
 * may win opens a transaction: it locks the coach's profile (one coach's wins count capacity one at a
 * time), then one statement assigns the order if it is still OPEN and the coach still under capacity,
 * recording the win; the order_assigned outbox row commits with it. Every attempt leaves its
 * `grab_requests` row; errors are thrown after the commit.
 */
export async function grabOrder(
  effects: GrabEffects,
  actor: Actor,
  orderId: string,
  now: Date,
): Promise<ServiceOrder> {
  const id = idArg(orderId, "orderId");
  const coachId = actor.userId;
  // Checked here, not by Postgres: a malformed id would fail the statement every grab in flight shares.
  if (!isUuid(coachId)) throw forbidden("Only a platform account (a user id from auth) can grab orders.");
  const state = await effects.grabs.readState({ orderId: id, coachId });
  if (!state) throw notFound("Service order", id);
  const decision = decideGrab(state.order, state.rules, state.active, now);
  const attempt =
    decision.kind === "try"
      ? await tryToWin(effects, state.order, coachId, now)
      : await refuse(effects, state.order, coachId, decision, now);
  return settle(effects, id, attempt);
}

async function tryToWin(
  effects: OrderEffects,
  order: ServiceOrder,
  coachId: string,
  now: Date,
): Promise<Attempt> {
  return effects.db.$transaction(async (tx): Promise<Attempt> => {
    const rules = await lockCoachRules(tx, coachId);
    // The profile may have changed since the unlocked read; decide again with what is now locked.
    // (Capacity is left to the assignment itself, which counts under this lock.)
    const recheck = decideGrab(order, rules, 0, now);
    if (recheck.kind === "refuse") {
      await recordAttempt(tx, order.id, coachId, "REFUSED", recheck.reason);
      return { kind: "refused", decision: recheck, currentState: null };
    }
    if (!rules) throw new Error("decideGrab let a coach without a profile try to grab");
    const assigned = await assignIfOpen(tx, order.id, coachId, rules.capacity, now);
    if (assigned) {
      await publishEvent(
        tx,
        orderAssignedV1,
        { orderId: order.id, customerId: assigned.customerId, coachId, assignedAt: now.toISOString() },
        { aggregateId: order.id, actorId: coachId, occurredAt: now },
      );
      return { kind: "won", order: assigned };
    }
    // Another coach won meanwhile, the deadline passed, or this coach reached capacity.
    const current = await currentGrabState(tx, order.id, coachId);
    const why = decideGrab({ ...order, status: current.status as OrderStatus }, rules, current.active, now);
    if (why.kind === "refuse" && why.reason !== "TAKEN") {
      await recordAttempt(tx, order.id, coachId, "REFUSED", why.reason);
      return { kind: "refused", decision: why, currentState: null };
    }
    await recordAttempt(tx, order.id, coachId, "LOST", "TAKEN");
    return { kind: "lost", currentState: current.status as OrderStatus };
  }, GRAB_TX_OPTIONS);
}

/** Records a refused attempt; an OPEN order found past its deadline is marked EXPIRED on the way. */
async function refuse(
  effects: GrabEffects,
  order: ServiceOrder,
  coachId: string,
  decision: Refusal,
  now: Date,
): Promise<Attempt> {
  const outcome = decision.reason === "TAKEN" ? "LOST" : "REFUSED";
  if (decision.reason !== "EXPIRED" || order.status !== OrderStatus.OPEN) {
    await effects.grabs.recordLoss({ orderId: order.id, coachId, outcome, reason: decision.reason });
    const currentState = decision.reason === "TAKEN" ? (order.status as OrderStatus) : null;
    return { kind: "refused", decision, currentState };
  }
  const expired = await effects.db.$transaction(async (tx) => {
    await tx.serviceOrder.updateMany({
      where: { id: order.id, status: OrderStatus.OPEN },
      data: { status: OrderStatus.EXPIRED, expiredAt: now },
    });
    await recordAttempt(tx, order.id, coachId, outcome, decision.reason);
    return tx.serviceOrder.findUniqueOrThrow({ where: { id: order.id } });
  });
  announceOrderUpdated(effects.pubSub, expired);
  return { kind: "refused", decision, currentState: expired.status as OrderStatus };
}

function settle(effects: OrderEffects, id: string, attempt: Attempt): ServiceOrder {
  switch (attempt.kind) {
    case "won":
      announceOrderUpdated(effects.pubSub, attempt.order);
      return attempt.order;
    case "lost":
      throw conflict(takenMessage(id, attempt.currentState), { currentState: attempt.currentState });
    case "refused": {
      const { decision, currentState } = attempt;
      throw new AppError(ErrorCode[decision.code], decision.message, {
        details: { reason: decision.reason, ...(currentState ? { currentState } : {}) },
      });
    }
  }
}
