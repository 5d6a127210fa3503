import type { BizTx } from "../../db.ts";

// Writes of the workbench's projections, one per event kind. Each first makes sure the row exists
// (INSERT ... ON CONFLICT DO NOTHING: two events of one order racing cannot both create it) and then
// sets only its own columns, guarded so that an older event arriving late never overwrites a newer
// one. Applying an event twice, or events out of order, leaves the same row (ARCHITECTURE rule 3; the
// consumer's inbox already stops a redelivery, these stay idempotent on their own).

async function ensureOrder(tx: BizTx, orderId: string, customerId: string): Promise<void> {
  await tx.workbenchOrder.createMany({ data: [{ orderId, customerId }], skipDuplicates: true });
  // A row a settlement created first does not know its customer yet.
  await tx.workbenchOrder.updateMany({ where: { orderId, customerId: null }, data: { customerId } });
}

/** order_created: the order opened, at its price. */
export async function recordOrderOpened(
  tx: BizTx,
  order: { orderId: string; customerId: string; priceAmount: number; currency: string; openedAt: Date },
): Promise<void> {
  await ensureOrder(tx, order.orderId, order.customerId);
  // service_completed's price is the one charged: the opening price fills only what is still unknown.
  await tx.workbenchOrder.updateMany({
    where: { orderId: order.orderId, priceAmount: null },
    data: { priceAmount: order.priceAmount, currency: order.currency },
  });
  await tx.workbenchOrder.updateMany({
    where: { orderId: order.orderId },
    data: { openedAt: order.openedAt },
  });
}

/** order_assigned: a coach won the order (the latest assignment wins if trade ever reassigns). */
export async function recordOrderAssigned(
  tx: BizTx,
  order: { orderId: string; customerId: string; coachId: string; assignedAt: Date },
): Promise<void> {
  await ensureOrder(tx, order.orderId, order.customerId);
  const newest = { OR: [{ assignedAt: null }, { assignedAt: { lte: order.assignedAt } }] };
  // Once completed, the coach who completed it is the order's coach; the assignment still dates it.
  await tx.workbenchOrder.updateMany({
    where: { orderId: order.orderId, completedAt: null, ...newest },
    data: { coachId: order.coachId },
  });
  await tx.workbenchOrder.updateMany({
    where: { orderId: order.orderId, ...newest },
    data: { assignedAt: order.assignedAt },
  });
}

/** service_completed: the coach completed it; its price is the order's revenue. */
export async function recordOrderCompleted(
  tx: BizTx,
  order: {
    orderId: string;
    customerId: string;
    coachId: string;
    priceAmount: number;
    currency: string;
    completedAt: Date;
  },
): Promise<void> {
  await ensureOrder(tx, order.orderId, order.customerId);
  await tx.workbenchOrder.updateMany({
    where: { orderId: order.orderId },
    data: {
      coachId: order.coachId,
      priceAmount: order.priceAmount,
      currency: order.currency,
      completedAt: order.completedAt,
    },
  });
}

/** order_cancelled: it ended without service (cancelled or expired); counted for its coach, if any. */
export async function recordOrderCancelled(
  tx: BizTx,
  order: { orderId: string; customerId: string; cancelledAt: Date },
): Promise<void> {
  await ensureOrder(tx, order.orderId, order.customerId);
  await tx.workbenchOrder.updateMany({
    where: { orderId: order.orderId },
    data: { cancelledAt: order.cancelledAt },
  });
}

/** settlement_recorded: the coach's payout from the order's captured payment (one settlement per order). */
export async function recordOrderSettled(
  tx: BizTx,
  order: { orderId: string; coachId: string; payoutAmount: number; currency: string; settledAt: Date },
): Promise<void> {
  // The customer is not in the settlement: a row it creates first gets it from the order's own events.
  await tx.workbenchOrder.createMany({ data: [{ orderId: order.orderId }], skipDuplicates: true });
  await tx.workbenchOrder.updateMany({
    where: { orderId: order.orderId },
    data: {
      coachId: order.coachId,
      payoutAmount: order.payoutAmount,
      payoutCurrency: order.currency,
      settledAt: order.settledAt,
    },
  });
}

/** gift_sent: a gift its recipient received (one row per gift order). */
export async function recordGiftReceived(
  tx: BizTx,
  gift: {
    giftOrderId: string;
    recipientId: string;
    senderId: string;
    giftId: string;
    quantity: number;
    amount: number;
    currency: string;
    sentAt: Date;
  },
): Promise<void> {
  await tx.workbenchGift.createMany({ data: [gift], skipDuplicates: true });
}
