import type { FinanceTx } from "../../db.ts";

// Finance's record of trade's orders (`trade_orders`), kept from trade's own events in the consumer's
// transaction that handles each one (ARCHITECTURE rule 1: finance never reads trade's database). The
// daily reconciliation compares it with payments and settlements. Every write is an idempotent upsert
// that tolerates any arrival order: a redelivered event changes nothing, and a COMPLETED order is never
// moved back by a request or a cancellation that arrives after it.

export interface OrderRequested {
  orderId: string;
  customerId: string;
  amount: number;
  currency: string;
  requestedAt: Date;
}

/** order_payment_requested: the order REQUESTED, unless a later event already placed it. */
export async function recordOrderRequested(tx: FinanceTx, order: OrderRequested, now: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO trade_orders (order_id, customer_id, amount, currency, status, requested_at, updated_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, 'REQUESTED', $5, $6)
     ON CONFLICT (order_id) DO UPDATE SET
       requested_at = COALESCE(trade_orders.requested_at, EXCLUDED.requested_at),
       -- service_completed's price is the final word on the amount
       amount = CASE WHEN trade_orders.status = 'COMPLETED' THEN trade_orders.amount ELSE EXCLUDED.amount END,
       updated_at = EXCLUDED.updated_at`,
    order.orderId,
    order.customerId,
    order.amount,
    order.currency,
    order.requestedAt,
    now,
  );
}

export interface OrderCancelled {
  orderId: string;
  customerId: string;
  status: "CANCELLED" | "EXPIRED";
  cancelledAt: Date;
}

/**
 * order_cancelled: the order CANCELLED or EXPIRED; a COMPLETED one stays COMPLETED. An order finance
 * never heard requested (a free one) is recorded with amount 0 in no currency.
 */
export async function recordOrderCancelled(tx: FinanceTx, order: OrderCancelled, now: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO trade_orders (order_id, customer_id, amount, currency, status, cancelled_at, updated_at)
     VALUES ($1::uuid, $2::uuid, 0, '', $3::"TradeOrderStatus", $4, $5)
     ON CONFLICT (order_id) DO UPDATE SET
       status = CASE WHEN trade_orders.status = 'COMPLETED' THEN trade_orders.status ELSE EXCLUDED.status END,
       cancelled_at = COALESCE(trade_orders.cancelled_at, EXCLUDED.cancelled_at),
       updated_at = EXCLUDED.updated_at`,
    order.orderId,
    order.customerId,
    order.status,
    order.cancelledAt,
    now,
  );
}

export interface OrderCompleted {
  orderId: string;
  customerId: string;
  coachId: string;
  /** service_completed's priceAmount. */
  amount: number;
  currency: string;
  completedAt: Date;
}

/** service_completed: the order COMPLETED by its coach at its price, whatever came before. */
export async function recordOrderCompleted(tx: FinanceTx, order: OrderCompleted, now: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO trade_orders (order_id, customer_id, coach_id, amount, currency, status, completed_at, updated_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, 'COMPLETED', $6, $7)
     ON CONFLICT (order_id) DO UPDATE SET
       status = 'COMPLETED',
       coach_id = EXCLUDED.coach_id,
       amount = EXCLUDED.amount,
       currency = EXCLUDED.currency,
       completed_at = COALESCE(trade_orders.completed_at, EXCLUDED.completed_at),
       updated_at = EXCLUDED.updated_at`,
    order.orderId,
    order.customerId,
    order.coachId,
    order.amount,
    order.currency,
    order.completedAt,
    now,
  );
}
