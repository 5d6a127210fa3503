import {
  adClickedV1,
  inventoryUpdatedV1,
  productPurchasedV1,
  shopOrderCancelledV1,
  shopOrderPaymentRequestedV1,
} from "@health/events/catalog";
import { publishEvent } from "@health/platform/events";
import type { EcTx } from "../db.ts";
import type { ShopOrder } from "../generated/prisma/client.ts";

// What this subgraph tells the platform, one function per event. Each is written to the outbox inside
// the caller's transaction, so it commits with the stock change that caused it or neither does
// (../shared/design/ARCHITECTURE.md rule 3). inventory_updated is about the product (aggregateId).

/** A SKU's stock as it stands after a change, and its product's. */
export interface StockLevel {
  skuId: string;
  productId: string;
  skuAvailable: number;
  productAvailable: number;
}

/** Writes inventory_updated for one SKU whose stock just changed, in that transaction. */
export async function publishInventoryUpdated(
  tx: EcTx,
  level: StockLevel,
  actorId: string | null,
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    inventoryUpdatedV1,
    {
      productId: level.productId,
      available: level.productAvailable,
      updatedAt: now.toISOString(),
      skuId: level.skuId,
      skuAvailable: level.skuAvailable,
    },
    { aggregateId: level.productId, actorId, occurredAt: now },
  );
}

/** A click on an ad as recorded: charged or not (a CPM campaign, or no budget left). */
export interface AdClickFact {
  clickId: string;
  campaignId: string;
  viewerId: string | null;
  charged: boolean;
  chargedAmount: number;
  currency: string;
}

/** Writes ad_clicked in the transaction that recorded (and maybe charged) the click; about the campaign. */
export async function publishAdClicked(tx: EcTx, click: AdClickFact, now: Date): Promise<void> {
  await publishEvent(
    tx,
    adClickedV1,
    { ...click, clickedAt: now.toISOString() },
    { aggregateId: click.campaignId, actorId: click.viewerId, occurredAt: now },
  );
}

/**
 * Writes shop_order_payment_requested for an order whose stock was just reserved, in that transaction:
 * the shop-order payment saga's command to finance (domain/shopOrders/paymentSaga.ts).
 */
export async function publishShopOrderPaymentRequested(
  tx: EcTx,
  order: Pick<ShopOrder, "id" | "buyerId" | "totalAmount" | "currency">,
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    shopOrderPaymentRequestedV1,
    {
      requestId: order.id,
      shopOrderId: order.id,
      buyerId: order.buyerId,
      amount: order.totalAmount,
      currency: order.currency,
      requestedAt: now.toISOString(),
    },
    { aggregateId: order.id, actorId: order.buyerId, occurredAt: now },
  );
}

/** Writes shop_order_cancelled for an order whose stock just came back: finance voids or refunds. */
export async function publishShopOrderCancelled(
  tx: EcTx,
  order: Pick<ShopOrder, "id" | "buyerId">,
  status: "CANCELLED" | "EXPIRED",
  reason: string,
  actorId: string | null,
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    shopOrderCancelledV1,
    { shopOrderId: order.id, buyerId: order.buyerId, status, reason, cancelledAt: now.toISOString() },
    { aggregateId: order.id, actorId, occurredAt: now },
  );
}

/** Writes product_purchased for an order just paid for, in that transaction. */
export async function publishProductPurchased(
  tx: EcTx,
  order: Pick<ShopOrder, "id" | "buyerId" | "totalAmount" | "currency">,
  items: ReadonlyArray<{ productId: string; quantity: number }>,
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    productPurchasedV1,
    {
      orderId: order.id,
      buyerId: order.buyerId,
      items: [...items],
      totalAmount: order.totalAmount,
      currency: order.currency,
      purchasedAt: now.toISOString(),
    },
    { aggregateId: order.id, actorId: order.buyerId, occurredAt: now },
  );
}
