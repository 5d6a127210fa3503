import {
  coachProfileUpdatedV1,
  orderAssignedV1,
  orderCancelledV1,
  orderCreatedV1,
  orderPaymentRequestedV1,
  serviceCompletedV1,
} from "@health/events/catalog";
import type { EventEnvelope } from "@health/events/envelope";
import { type PreparedEvent, prepareEvent, publishEvent } from "@health/platform/events";
import type { TradeTx } from "../db.ts";
import type { CoachProfile, ServiceOrder } from "../generated/prisma/client.ts";

// What this subgraph tells the platform, one function per event. Each is written to the outbox inside
// the caller's transaction, so it commits with the write that caused it or neither does
// (../shared/design/ARCHITECTURE.md rule 3); order_assigned is only prepared, because the grab's one
// statement writes its outbox row (grab/queries.ts, settleGrab). Events are about the order (aggregateId).

/** What order_created says of a new order. */
export type CreatedOrder = Pick<
  ServiceOrder,
  "id" | "customerId" | "serviceType" | "priceAmount" | "currency"
>;

/**
 * Writes order_created for an order opening for grabs (its payment authorized), in that transaction.
 * The envelope's id is the order's notification id: the `orderAvailable` resume point
 * (notifications/replay.ts).
 */
export function publishOrderCreated(tx: TradeTx, order: CreatedOrder, now: Date): Promise<EventEnvelope> {
  return publishEvent(
    tx,
    orderCreatedV1,
    {
      orderId: order.id,
      customerId: order.customerId,
      serviceType: order.serviceType,
      priceAmount: order.priceAmount,
      currency: order.currency,
      createdAt: now.toISOString(),
    },
    { aggregateId: order.id, actorId: order.customerId, occurredAt: now },
  );
}

/**
 * order_assigned for a coach trying to win a grab, validated but not written: `settleGrab` writes it
 * to the outbox in the same statement that assigns the order, and only if the coach wins.
 */
export const prepareOrderAssigned = (
  order: Pick<ServiceOrder, "id" | "customerId">,
  coachId: string,
  now: Date,
): PreparedEvent =>
  prepareEvent(
    orderAssignedV1,
    { orderId: order.id, customerId: order.customerId, coachId, assignedAt: now.toISOString() },
    { aggregateId: order.id, actorId: coachId, occurredAt: now },
  );

/**
 * Writes service_completed (no rating yet) for an order that just became COMPLETED, in its transaction.
 * Only real completion emits it: the customer's confirmation, the confirmation window passing, or an
 * operator; the coach marking the service done does not. `actorId` is null when the sweeper completes it.
 */
export async function publishServiceCompleted(
  tx: TradeTx,
  order: ServiceOrder,
  actorId: string | null,
  now: Date,
): Promise<void> {
  if (!order.coachId) throw new Error(`order ${order.id} completed without a coach`);
  await publishEvent(
    tx,
    serviceCompletedV1,
    {
      orderId: order.id,
      userId: order.customerId,
      healthWorkerId: order.coachId,
      completionTime: now.toISOString(),
      rating: null,
      priceAmount: order.priceAmount,
      currency: order.currency,
    },
    { aggregateId: order.id, actorId, occurredAt: now },
  );
}

/**
 * Writes order_payment_requested for a new order, in its transaction: the order-payment saga's command
 * to finance, which answers with payment_authorized or payment_failed (domain/orders/paymentSaga.ts).
 */
export async function publishOrderPaymentRequested(
  tx: TradeTx,
  order: Pick<ServiceOrder, "id" | "customerId" | "priceAmount" | "currency">,
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    orderPaymentRequestedV1,
    {
      requestId: order.id,
      orderId: order.id,
      customerId: order.customerId,
      amount: order.priceAmount,
      currency: order.currency,
      requestedAt: now.toISOString(),
    },
    { aggregateId: order.id, actorId: order.customerId, occurredAt: now },
  );
}

/**
 * Writes order_cancelled for an order that just ended without service (CANCELLED or EXPIRED), in its
 * transaction: finance releases whatever it holds for it.
 */
export async function publishOrderCancelled(
  tx: TradeTx,
  order: Pick<ServiceOrder, "id" | "customerId" | "status">,
  reason: string,
  actorId: string | null,
  now: Date,
): Promise<void> {
  if (order.status !== "CANCELLED" && order.status !== "EXPIRED") {
    throw new Error(`order ${order.id} is ${order.status}, not ended without service`);
  }
  await publishEvent(
    tx,
    orderCancelledV1,
    {
      orderId: order.id,
      customerId: order.customerId,
      status: order.status,
      reason,
      cancelledAt: now.toISOString(),
    },
    { aggregateId: order.id, actorId, occurredAt: now },
  );
}

/** coach_profile_updated: the whole profile but its level (ops's to publish), in setCoachProfile's transaction. */
export function publishCoachProfileUpdated(tx: TradeTx, profile: CoachProfile): Promise<EventEnvelope> {
  return publishEvent(
    tx,
    coachProfileUpdatedV1,
    {
      coachId: profile.coachId,
      specialties: profile.specialties,
      regions: profile.regions,
      capacity: profile.capacity,
      updatedAt: profile.updatedAt.toISOString(),
    },
    { aggregateId: profile.coachId, actorId: profile.coachId, occurredAt: profile.updatedAt },
  );
}
