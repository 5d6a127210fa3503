import type { Actor } from "@health/platform/auth";
import { publishServiceCompleted } from "../../events/orderEvents.ts";
import type { ServiceOrder } from "../../generated/prisma/client.ts";
import { announceOrderUpdated } from "../notifications/notifications.ts";
import { moveOrder, type OrderEffects, updateOrderStatus } from "./orders.ts";
import { decideDispute } from "./rules.ts";
import { OrderStatus } from "./stateMachine.ts";

/** Orders the sweeper completes per transaction; the next tick takes the rest. */
const AUTO_COMPLETE_BATCH = 100;

/** The customer confirms the service the coach marked done: COMPLETED, with service_completed. */
export const confirmOrderCompletion = (
  effects: OrderEffects,
  actor: Actor,
  orderId: string,
  now: Date,
): Promise<ServiceOrder> => updateOrderStatus(effects, actor, orderId, OrderStatus.COMPLETED, now);

/**
 * The customer disputes the service the coach marked done, inside the confirmation window: DISPUTED,
 * which stops the order completing by itself and leaves it to an operator (updateOrderStatus as admin).
 */
export const disputeOrder = (
  effects: OrderEffects,
  actor: Actor,
  orderId: string,
  reason: string,
  now: Date,
): Promise<ServiceOrder> =>
  moveOrder(
    effects,
    actor,
    orderId,
    (order) => ({
      next: OrderStatus.DISPUTED,
      data: { disputeReason: decideDispute(actor, order, reason, now) },
    }),
    now,
  );

/**
 * Completes AWAITING_CONFIRMATION orders whose confirmation deadline passed with no dispute, each with
 * its service_completed row in the same transaction. SKIP LOCKED: sweepers of several instances take
 * different orders, and an order a customer is confirming right now is left to that confirmation.
 */
export async function completeUnconfirmedOrders(effects: OrderEffects, now: Date): Promise<ServiceOrder[]> {
  const completed = await effects.db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE service_orders SET status = 'COMPLETED', completed_at = ${now}, updated_at = ${now}
       WHERE id IN (SELECT id FROM service_orders
                     WHERE status = 'AWAITING_CONFIRMATION' AND confirmation_deadline <= ${now}
                     ORDER BY confirmation_deadline LIMIT ${AUTO_COMPLETE_BATCH}
                       FOR UPDATE SKIP LOCKED)
      RETURNING id::text AS id`;
    if (rows.length === 0) return [];
    const orders = await tx.serviceOrder.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
    for (const order of orders) await publishServiceCompleted(tx, order, null, now);
    return orders;
  });
  for (const order of completed) announceOrderUpdated(effects.pubSub, order);
  return completed;
}
