import { productPurchasedV1 } from "@health/events/catalog";
import { formatMoney } from "../domain/money.ts";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

const itemCount = (items: ReadonlyArray<{ quantity: number }>): string => {
  const count = items.reduce((sum, item) => sum + item.quantity, 0);
  return `${count} item${count === 1 ? "" : "s"}`;
};

/** product_purchased → PRODUCT_PURCHASED about the buyer. */
export const productPurchasedActivity: ActivityMapper<typeof productPurchasedV1> = (event) => ({
  type: "PRODUCT_PURCHASED",
  sourceEventId: event.id,
  actorId: event.payload.buyerId,
  objectType: "SHOP_ORDER",
  objectId: event.payload.orderId,
  summary: `bought ${itemCount(event.payload.items)} (${formatMoney(event.payload.totalAmount, event.payload.currency)})`,
  occurredAt: new Date(event.payload.purchasedAt),
});

export const productPurchasedHandler = activityHandler(productPurchasedV1, productPurchasedActivity);
