import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";
import type { FinanceTx } from "../db.ts";

const byTime = { createdAt: "asc" } as const;

/** The person's refunds: each refund's transfer on one of their payments (`payment:<id>:refund:<refund>`). */
async function refundsOf(tx: FinanceTx, paymentIds: readonly string[]) {
  if (paymentIds.length === 0) return [];
  const transfers = await tx.ledgerTransfer.findMany({
    where: { OR: paymentIds.map((id) => ({ sourceRef: { startsWith: `payment:${id}:refund:` } })) },
    include: { entries: { select: { amount: true } } },
    orderBy: byTime,
  });
  return transfers.map((transfer) => ({
    paymentId: transfer.sourceRef!.split(":")[1],
    refundTransferId: transfer.id,
    // A refund moves the amount from revenue back to clearing: its positive entry.
    amount: transfer.entries.reduce((most, entry) => (entry.amount > most ? entry.amount : most), 0n),
    createdAt: transfer.createdAt,
  }));
}

/**
 * Everything finance holds about `userId`: their accounts (points balance, wallet, coach payable) and
 * every entry on them, payments they made and their refunds, gifts sent and received (the other party
 * by id; a received gift's message is its sender's words), settlements paid to them as a coach, finance's
 * record of their orders, and adjustments they made as an operator.
 */
export async function collectFinance(executor: SqlExecutor, userId: string): Promise<ExportSections> {
  const tx = executor as unknown as FinanceTx;
  // One after another: they share the consumer's transaction and its one connection.
  const accounts = await tx.ledgerAccount.findMany({ where: { owner: userId }, orderBy: byTime });
  const entries = await tx.ledgerEntry.findMany({
    where: { account: { owner: userId } },
    include: { account: { select: { kind: true, unit: true } }, transfer: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const payments = await tx.payment.findMany({ where: { payerId: userId }, orderBy: byTime });
  const refunds = await refundsOf(
    tx,
    payments.map((payment) => payment.id),
  );
  const sent = await tx.giftOrder.findMany({
    where: { senderId: userId },
    include: { gift: { select: { name: true } } },
    orderBy: byTime,
  });
  const received = await tx.giftOrder.findMany({
    where: { recipientId: userId },
    include: { gift: { select: { name: true } } },
    orderBy: byTime,
  });
  const settlements = await tx.settlement.findMany({
    where: { coachId: userId },
    orderBy: { settledAt: "asc" },
  });
  const orders = await tx.tradeOrder.findMany({
    where: { OR: [{ customerId: userId }, { coachId: userId }] },
    orderBy: { updatedAt: "asc" },
  });
  const adjustments = await tx.ledgerTransfer.findMany({
    where: { actorId: userId, kind: "POINTS_ADJUSTMENT" },
    orderBy: byTime,
  });
  return {
    accounts: accounts.map(({ id, kind, unit, balance, createdAt }) => ({
      id,
      kind,
      unit,
      balance,
      createdAt,
    })),
    ledgerEntries: entries.map((entry) => ({
      id: entry.id,
      accountId: entry.accountId,
      accountKind: entry.account.kind,
      unit: entry.account.unit,
      amount: entry.amount,
      transferId: entry.transferId,
      transferKind: entry.transfer.kind,
      reason: entry.transfer.reason,
      createdAt: entry.createdAt,
    })),
    payments: payments.map((payment) => ({
      id: payment.id,
      amount: payment.amount,
      currency: payment.currency,
      reference: payment.reference,
      status: payment.status,
      capturedAmount: payment.capturedAmount,
      refundedAmount: payment.refundedAmount,
      provider: payment.provider,
      providerRef: payment.providerRef,
      failureReason: payment.failureReason,
      requester: payment.requester,
      createdAt: payment.createdAt,
      updatedAt: payment.updatedAt,
    })),
    refunds,
    giftsSent: sent.map((order) => ({
      id: order.id,
      gift: order.gift.name,
      recipientId: order.recipientId,
      quantity: order.quantity,
      points: order.points,
      liveRoomId: order.liveRoomId,
      orderId: order.orderId,
      message: order.message,
      createdAt: order.createdAt,
    })),
    giftsReceived: received.map((order) => ({
      id: order.id,
      gift: order.gift.name,
      senderId: order.senderId,
      quantity: order.quantity,
      coachShare: order.coachShare,
      liveRoomId: order.liveRoomId,
      orderId: order.orderId,
      createdAt: order.createdAt,
    })),
    settlements: settlements.map((settlement) => ({
      id: settlement.id,
      orderId: settlement.orderId,
      paymentId: settlement.paymentId,
      amount: settlement.amount,
      coachPayout: settlement.coachPayout,
      platformFee: settlement.platformFee,
      feeBps: settlement.feeBps,
      currency: settlement.currency,
      settledAt: settlement.settledAt,
    })),
    orders: orders.map((order) => ({
      orderId: order.orderId,
      role: order.customerId === userId ? "CUSTOMER" : "COACH",
      amount: order.amount,
      currency: order.currency,
      status: order.status,
      requestedAt: order.requestedAt,
      completedAt: order.completedAt,
      cancelledAt: order.cancelledAt,
    })),
    adjustmentsMade: adjustments.map((transfer) => ({
      transferId: transfer.id,
      kind: transfer.kind,
      reason: transfer.reason,
      createdAt: transfer.createdAt,
    })),
  };
}
