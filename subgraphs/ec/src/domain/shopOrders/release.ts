import type { EcTx } from "../../db.ts";
import { publishInventoryUpdated, publishShopOrderCancelled } from "../../events/ecEvents.ts";
import type { ShopOrderStatus } from "../../generated/prisma/enums.ts";
import { releaseStock } from "./stock.ts";

/**
 * Ends shop order `orderId` unpaid or cancelled (`next`) if it is in one of `from`, and gives its stock
 * back, in the caller's transaction, with inventory_updated per SKU and shop_order_cancelled (finance
 * voids or refunds what it took for it). The conditional UPDATE on the status makes this happen once per
 * order however many callers race (the sweeper on several instances, the buyer, the saga): false for
 * every caller but the one that won.
 */
export async function releaseShopOrder(
  tx: EcTx,
  orderId: string,
  from: readonly ShopOrderStatus[],
  next: typeof ShopOrderStatus.EXPIRED | typeof ShopOrderStatus.CANCELLED,
  reason: string,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  const { count } = await tx.shopOrder.updateMany({
    where: { id: orderId, status: { in: [...from] } },
    data: { status: next, cancelReason: reason, updatedAt: now },
  });
  if (count === 0) return false;
  const order = await tx.shopOrder.findUniqueOrThrow({
    where: { id: orderId },
    include: { items: { orderBy: { skuId: "asc" } } },
  });
  for (const level of await releaseStock(tx, order.items)) {
    await publishInventoryUpdated(tx, level, actorId, now);
  }
  await publishShopOrderCancelled(tx, order, next, reason, actorId, now);
  return true;
}
