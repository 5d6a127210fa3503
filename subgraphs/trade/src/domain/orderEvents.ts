import { serviceCompletedV1 } from "@health/events/catalog";
import { publishEvent } from "@health/platform/events";
import type { TradeTx } from "../db.ts";
import type { ServiceOrder } from "../generated/prisma/client.ts";

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
