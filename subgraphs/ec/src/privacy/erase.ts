import type { SqlExecutor } from "@health/platform/events";
import { type ErasedSubject, type ErasedTable, rememberErasure } from "@health/platform/privacy";
import { abortSaga, type SagaDefinition } from "@health/platform/saga";
import type { EcTx } from "../db.ts";
import type { ShopOrderPaymentData } from "../domain/shopOrders/paymentSaga.ts";
import { releaseShopOrder } from "../domain/shopOrders/release.ts";
import { AdCampaignStatus, ShopOrderStatus } from "../generated/prisma/enums.ts";
import { viewerKeyOf } from "./collect.ts";

/** Why an erased buyer's open reservation ended (its `cancelReason`, and finance's shop_order_cancelled). */
export const ERASED_BUYER_REASON = "its buyer's account was erased";

/** The orders that are sales: kept under the tombstone id. The rest (unpaid, expired, cancelled) go. */
export const SOLD_STATUSES = [ShopOrderStatus.PAID, ShopOrderStatus.FULFILLED, ShopOrderStatus.DELIVERED];

/**
 * Releases the person's open reservations as a cancellation by its buyer would (the payment saga ends,
 * the stock is given back, finance is told to void whatever it takes late), in `tx`: no stock stays held
 * for an order that is about to be deleted.
 */
async function releaseOpenReservations(
  tx: EcTx,
  payment: SagaDefinition<ShopOrderPaymentData>,
  userId: string,
  now: Date,
): Promise<void> {
  const open = await tx.shopOrder.findMany({
    where: { buyerId: userId, status: ShopOrderStatus.RESERVED },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  // The saga's compensations only write rows and outbox events; none has work for after the commit.
  const ctx = { tx, now, afterCommit: () => undefined };
  for (const { id } of open) {
    // The saga's compensation releases the order; an order without a running saga is released here.
    await abortSaga(payment, ctx, id, ERASED_BUYER_REASON);
    await releaseShopOrder(
      tx,
      id,
      [ShopOrderStatus.RESERVED],
      ShopOrderStatus.CANCELLED,
      ERASED_BUYER_REASON,
      null,
      now,
    );
  }
}

/**
 * Erases the person from ec per `EC_TABLES`: their open reservations released, their unpaid orders
 * deleted, their sales and ad views kept under the tombstone id, their campaigns ended and kept likewise.
 * Idempotent: a second run finds nothing of theirs and counts zeros.
 */
export async function eraseEc(
  raw: SqlExecutor,
  subject: ErasedSubject,
  payment: SagaDefinition<ShopOrderPaymentData>,
  now = new Date(),
): Promise<ErasedTable[]> {
  // First: it waits for a late event's handler in flight (its shared lock) and turns away those after.
  await rememberErasure(raw, subject.userId);
  const tx = raw as unknown as EcTx;
  const { userId, tombstoneId } = subject;
  await releaseOpenReservations(tx, payment, userId, now);

  const unsold = { buyerId: userId, status: { notIn: SOLD_STATUSES } };
  const items = await tx.shopOrderItem.deleteMany({ where: { order: unsold } });
  const deletedOrders = await tx.shopOrder.deleteMany({ where: unsold });
  const soldOrders = await tx.shopOrder.updateMany({
    where: { buyerId: userId },
    data: { buyerId: tombstoneId },
  });

  const viewer = viewerKeyOf(userId);
  const tombstoneViewer = viewerKeyOf(tombstoneId);
  const impressions = await tx.adImpression.updateMany({
    where: { viewerKey: viewer },
    data: { viewerKey: tombstoneViewer },
  });
  const clicks = await tx.adClick.updateMany({
    where: { viewerKey: viewer },
    data: { viewerKey: tombstoneViewer },
  });
  await tx.adCampaign.updateMany({
    where: { advertiserId: userId, status: { not: AdCampaignStatus.ENDED } },
    data: { status: AdCampaignStatus.ENDED },
  });
  const campaigns = await tx.adCampaign.updateMany({
    where: { advertiserId: userId },
    data: { advertiserId: tombstoneId },
  });
  // Ad clicks' idempotency keys are the viewer's (`user:<id>`); the platform's pass deletes `<id>`'s.
  const clickKeys = await tx.idempotencyKey.deleteMany({ where: { callerId: viewer } });

  return [
    { table: "shop_order_items", action: "DELETED", rows: items.count },
    { table: "shop_orders", action: "DELETED", rows: deletedOrders.count },
    { table: "shop_orders", action: "TOMBSTONED", rows: soldOrders.count },
    { table: "ad_impressions", action: "TOMBSTONED", rows: impressions.count },
    { table: "ad_clicks", action: "TOMBSTONED", rows: clicks.count },
    { table: "ad_campaigns", action: "TOMBSTONED", rows: campaigns.count },
    { table: "idempotency_keys", action: "DELETED", rows: clickKeys.count },
  ];
}
