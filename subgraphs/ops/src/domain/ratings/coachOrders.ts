import type { OpsTx } from "../../db.ts";
import { recomputeLevel } from "../levels/levels.ts";
import type { LevelThreshold } from "../levels/rules.ts";

export interface AssignedOrder {
  orderId: string;
  customerId: string;
  coachId: string;
  assignedAt: Date;
}

export interface CompletedOrder {
  orderId: string;
  customerId: string;
  coachId: string;
  completedAt: Date;
}

/**
 * order_assigned: ops learns whose order it is (customer and coach) before it completes, so a customer
 * rating too early is told to wait (CONFLICT) rather than that the order does not exist. A later or
 * repeated event changes nothing (an order is assigned once; a completion may have arrived first).
 */
export async function recordOrderAssigned(tx: OpsTx, order: AssignedOrder): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO coach_orders (order_id, customer_id, coach_id, assigned_at)
    VALUES (${order.orderId}::uuid, ${order.customerId}::uuid, ${order.coachId}::uuid, ${order.assignedAt})
    ON CONFLICT (order_id) DO UPDATE SET assigned_at = COALESCE(coach_orders.assigned_at, EXCLUDED.assigned_at)`;
}

/**
 * service_completed: the order counts for its coach's level and its customer may rate it. Only the first
 * completion of an order has an effect (a second event for it, whatever its id, changes nothing), and
 * that one recomputes the coach's level in the same transaction.
 */
export async function recordOrderCompleted(
  tx: OpsTx,
  order: CompletedOrder,
  thresholds: readonly LevelThreshold[],
  now: Date,
): Promise<boolean> {
  const completed = await tx.$executeRaw`
    INSERT INTO coach_orders (order_id, customer_id, coach_id, completed_at)
    VALUES (${order.orderId}::uuid, ${order.customerId}::uuid, ${order.coachId}::uuid, ${order.completedAt})
    ON CONFLICT (order_id) DO UPDATE SET completed_at = EXCLUDED.completed_at
     WHERE coach_orders.completed_at IS NULL`;
  if (completed === 0) return false;
  await recomputeLevel(tx, order.coachId, thresholds, now);
  return true;
}
