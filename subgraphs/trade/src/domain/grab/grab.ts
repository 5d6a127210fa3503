import { orderAssignedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { AppError, conflict, ErrorCode, forbidden, notFound } from "@health/platform/errors";
import { traceOutboxWrite } from "@health/platform/events";
import { isUuid, uuidArg } from "@health/platform/graphql";
import { prepareOrderAssigned } from "../../events/orderEvents.ts";
import type { ServiceOrder } from "../../generated/prisma/client.ts";
import { announceOrderUpdated } from "../notifications/notifications.ts";
import type { OrderEffects } from "../orders/orders.ts";
import { OrderStatus } from "../orders/stateMachine.ts";
import type { GrabBatches } from "./batches.ts";
import { type GrabState, recordAttempt, settleGrab } from "./queries.ts";
import { decideGrab, type GrabDecision, HELD_REFUSAL, takenMessage } from "./rules.ts";

type Refusal = Extract<GrabDecision, { kind: "refuse" }>;

/** What a grab needs: the order effects, and the statements it shares with concurrent grabs. */
export interface GrabEffects extends OrderEffects {
  grabs: GrabBatches;
}

type Attempt =
  | { kind: "won"; order: ServiceOrder }
  | { kind: "lost"; currentState: OrderStatus }
  | { kind: "refused"; decision: Refusal; currentState: OrderStatus | null };

/** Reads and decisions a grab makes before giving up on a coach profile that keeps changing under it. */
const MAX_DECISIONS = 3;

/**
 * POST /grab-orders. Most attempts in a race lose, so the rules are first decided from one unlocked
 * read (order, coach rules, active orders): a refusal from it is already true when read (an order never
 * becomes OPEN again; rules and counts read a moment earlier are a valid answer), and is recorded with
 * one INSERT. Concurrent grabs share that read and that INSERT (batches.ts). An attempt that may
 * win settles in one statement (`settleGrab`): under the coach's lock, and only while the coach's
 * profile is the version the rules were decided on, the order is assigned if it is still OPEN and the
 * coach under capacity, and the win's `grab_requests` and order_assigned outbox rows commit with it.
 * The order's row lock is held for that one statement, so the coaches racing for the same order queue
 * for microseconds, not for a winner's round trips. Every attempt leaves its `grab_requests` row and
 * its grab_attempted event (WON, LOST or REFUSED, ops's velocity rule), committed together; a coach
 * ops holds is refused (ACCOUNT_HELD) and that attempt is recorded too. Errors are thrown after the commit.
 */
export async function grabOrder(
  effects: GrabEffects,
  actor: Actor,
  orderId: string,
  now: Date,
): Promise<ServiceOrder> {
  const id = uuidArg(orderId, "orderId");
  const coachId = actor.userId;
  // Checked here, not by Postgres: a malformed id would fail the statement every grab in flight shares.
  if (!isUuid(coachId)) throw forbidden("Only a platform account (a user id from auth) can grab orders.");
  for (let decisions = 1; decisions <= MAX_DECISIONS; decisions++) {
    const state = await effects.grabs.readState({ orderId: id, coachId });
    if (!state) throw notFound("Service order", id);
    const decision = state.held
      ? HELD_REFUSAL
      : decideGrab(state.order, coachId, state.rules, state.active, now);
    const attempt =
      decision.kind === "try"
        ? await tryToWin(effects, state, coachId, now)
        : await refuse(effects, state.order, coachId, decision, now);
    // null: the profile changed between the read and the lock; decide again on a fresh read.
    if (attempt) return settle(effects, id, attempt);
  }
  // Never decided, so no grab_requests row: the coach's own profile edits kept overtaking the grab.
  throw conflict(`Your coach profile kept changing while grabbing order ${id}; try again.`);
}

async function tryToWin(
  effects: GrabEffects,
  { order, rules, profileVersion }: GrabState,
  coachId: string,
  now: Date,
): Promise<Attempt | null> {
  if (!rules || !profileVersion) throw new Error("decideGrab let a coach without a profile try to grab");
  // One statement writes order_assigned's outbox row: its span, like publishEvent's, is the event's parent.
  const settlement = await traceOutboxWrite(orderAssignedV1.subject, () =>
    settleGrab(effects.db, {
      orderId: order.id,
      coachId,
      profileVersion,
      now,
      assigned: prepareOrderAssigned(order, coachId, now),
    }),
  );
  if (settlement.outcome === "PROFILE_CHANGED") return null;
  if (settlement.outcome === "WON") {
    const won = { ...order, status: OrderStatus.ASSIGNED, coachId, assignedAt: now, updatedAt: now };
    return { kind: "won", order: won };
  }
  // Another coach won meanwhile, the deadline passed, or this coach reached capacity.
  const status = settlement.status as OrderStatus;
  const why = decideGrab({ ...order, status }, coachId, rules, settlement.active, now);
  if (why.kind === "refuse" && why.reason !== "TAKEN") {
    await effects.grabs.recordLoss({ orderId: order.id, coachId, outcome: "REFUSED", reason: why.reason });
    return { kind: "refused", decision: why, currentState: null };
  }
  await effects.grabs.recordLoss({ orderId: order.id, coachId, outcome: "LOST", reason: "TAKEN" });
  return { kind: "lost", currentState: status };
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
