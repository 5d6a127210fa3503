import {
  coachLevelChangedV1,
  coachProfileUpdatedV1,
  coachRatedV1,
  orderAssignedV1,
  orderCancelledV1,
  serviceCompletedV1,
} from "@health/events/catalog";
import { type HandlerRegistration, on, type SqlExecutor } from "@health/platform/events";
import type { AiTx } from "../db.ts";
import {
  recordAssigned,
  recordCancelled,
  recordCoachLevel,
  recordCoachProfile,
  recordCompleted,
  recordRating,
} from "../domain/matching/projections.ts";

/** Smart matching's durable consumer (inbox rows, JetStream consumer, dead letters): its own, so it falls behind alone. */
export const MATCHING_CONSUMER = "ai-matching";

// The consumer's transaction is a full Prisma transaction client, typed by the mechanism as raw SQL only.
const asTx = (tx: SqlExecutor): AiTx => tx as unknown as AiTx;

/** trade's coach profiles and order outcomes, ops's levels and ratings: what ranking needs, nothing more. */
export const matchingEventHandlers = (): HandlerRegistration[] => [
  on(coachProfileUpdatedV1, (tx, { payload }) =>
    recordCoachProfile(asTx(tx), { ...payload, updatedAt: new Date(payload.updatedAt) }),
  ),
  on(coachLevelChangedV1, (tx, { payload }) =>
    recordCoachLevel(asTx(tx), payload.coachId, payload.level, payload.sequence),
  ),
  on(coachRatedV1, (tx, { payload }) =>
    recordRating(asTx(tx), payload.ratingId, payload.coachId, payload.score),
  ),
  on(orderAssignedV1, (tx, { payload }) =>
    recordAssigned(asTx(tx), payload.orderId, payload.coachId, new Date(payload.assignedAt)),
  ),
  on(serviceCompletedV1, (tx, { payload }) =>
    recordCompleted(asTx(tx), payload.orderId, payload.healthWorkerId, new Date(payload.completionTime)),
  ),
  on(orderCancelledV1, (tx, { payload }) =>
    recordCancelled(asTx(tx), payload.orderId, new Date(payload.cancelledAt)),
  ),
];
