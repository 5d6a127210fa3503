import type { FinanceDb } from "../../db.ts";
import type { OrderFacts, PaymentFacts, ReconciliationFacts, SettlementFacts } from "./rules.ts";
import { orderIdOfPayment, SERVICE_ORDER_REFERENCE } from "./rules.ts";

/** One UTC day: start ≤ t < end. */
export interface ReconciliationDay {
  /** YYYY-MM-DD. */
  date: string;
  start: Date;
  end: Date;
}

const PAYMENT_COLUMNS = `id, reference, requester, status, amount, currency, captured_amount AS "capturedAmount",
  refunded_amount AS "refundedAmount", created_at AS "createdAt"`;

/**
 * What belongs to `day`: trade orders requested, completed or cancelled that day; payments for a trade
 * order (the saga's, or any whose reference names a service order) created or moved that day; holds
 * still open that were made before `staleBefore`, whatever their day (an open hold is part of every
 * day until it is released). Then, so that each order is compared whole, every payment, settlement and
 * order record of the orders those name.
 */
export async function gatherDay(
  db: FinanceDb,
  day: ReconciliationDay,
  staleBefore: Date,
): Promise<ReconciliationFacts> {
  const inDay = { gte: day.start, lt: day.end };
  const dayOrders = await db.tradeOrder.findMany({
    where: { OR: [{ requestedAt: inDay }, { completedAt: inDay }, { cancelledAt: inDay }] },
    select: { orderId: true },
  });
  const dayPayments = await db.$queryRawUnsafe<PaymentFacts[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments
      WHERE (requester = 'trade' OR reference LIKE '${SERVICE_ORDER_REFERENCE}%')
        AND ((created_at >= $1 AND created_at < $2) OR (updated_at >= $1 AND updated_at < $2)
             OR (status = 'AUTHORIZED' AND created_at < $3))`,
    day.start,
    day.end,
    staleBefore,
  );
  const orderIds = [
    ...new Set([
      ...dayOrders.map((order) => order.orderId),
      ...dayPayments.flatMap((payment) => orderIdOfPayment(payment) ?? []),
    ]),
  ].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (orderIds.length === 0) return { orders: [], payments: [], settlements: [] };

  const orders: OrderFacts[] = await db.tradeOrder.findMany({
    where: { orderId: { in: orderIds } },
    select: { orderId: true, status: true, amount: true, currency: true, coachId: true },
  });
  const payments = await db.$queryRawUnsafe<PaymentFacts[]>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments
      WHERE id = ANY($1::uuid[]) OR reference = ANY($2::text[])`,
    orderIds,
    orderIds.map((id) => `${SERVICE_ORDER_REFERENCE}${id}`),
  );
  const settlements: SettlementFacts[] = await db.settlement.findMany({
    where: { orderId: { in: orderIds } },
    select: { orderId: true, paymentId: true, amount: true },
  });
  return { orders, payments, settlements };
}
