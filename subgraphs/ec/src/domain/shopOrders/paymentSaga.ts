import type { SqlExecutor } from "@health/platform/events";
import { defineSaga, type SagaDefinition, SagaStepFailed } from "@health/platform/saga";
import type { EcTx } from "../../db.ts";
import { publishProductPurchased, publishShopOrderPaymentRequested } from "../../events/ecEvents.ts";
import { ShopOrderStatus } from "../../generated/prisma/enums.ts";
import { releaseShopOrder } from "./release.ts";

// The shop-order payment saga (issue 19): reserve, authorize, confirm. placeShopOrder reserves the stock
// and starts it; finance authorizes and captures at once (shop goods are paid when ordered) and answers
// payment_success, which marks the order PAID (product_purchased); a declined payment, or none before
// the reservation window closes, gives the stock back (shop_order_cancelled tells finance to void or
// refund whatever it took, should its answer come late).

export const SHOP_ORDER_PAYMENT_SAGA = "shop_order_payment";

/** The saga's data; its id is the shop order's. */
export interface ShopOrderPaymentData {
  shopOrderId: string;
  buyerId: string;
  amount: number;
  currency: string;
  /** When the reservation lapses (ISO): a release after it is an expiry, before it a cancellation. */
  reservedUntil: string;
}

const asEcTx = (tx: SqlExecutor): EcTx => tx as unknown as EcTx;

export function shopOrderPaymentSaga(options: {
  paymentTimeoutMs: number;
}): SagaDefinition<ShopOrderPaymentData> {
  return defineSaga<ShopOrderPaymentData>({
    name: SHOP_ORDER_PAYMENT_SAGA,
    steps: [
      {
        name: "take_payment",
        replyTimeoutMs: options.paymentTimeoutMs,
        run: async ({ data }, { tx, now }) => {
          const { shopOrderId: id, buyerId, amount: totalAmount, currency } = data;
          await publishShopOrderPaymentRequested(asEcTx(tx), { id, buyerId, totalAmount, currency }, now);
          return undefined;
        },
        compensate: async ({ data }, reason, { tx, now }) => {
          const lapsed = now.getTime() >= new Date(data.reservedUntil).getTime();
          const status = lapsed ? ShopOrderStatus.EXPIRED : ShopOrderStatus.CANCELLED;
          await releaseShopOrder(
            asEcTx(tx),
            data.shopOrderId,
            [ShopOrderStatus.RESERVED],
            status,
            reason,
            null,
            now,
          );
        },
      },
      {
        name: "mark_paid",
        run: async ({ data }, { tx: raw, now }) => {
          const tx = asEcTx(raw);
          const { count } = await tx.shopOrder.updateMany({
            where: { id: data.shopOrderId, status: ShopOrderStatus.RESERVED },
            data: { status: ShopOrderStatus.PAID, updatedAt: now },
          });
          if (count === 0) throw new SagaStepFailed("the reservation ended before the payment came");
          const order = await tx.shopOrder.findUniqueOrThrow({
            where: { id: data.shopOrderId },
            include: { items: { include: { sku: { select: { productId: true } } } } },
          });
          const items = order.items.map((item) => ({
            productId: item.sku.productId,
            quantity: item.quantity,
          }));
          await publishProductPurchased(tx, order, items, now);
          return undefined;
        },
      },
    ],
  });
}
