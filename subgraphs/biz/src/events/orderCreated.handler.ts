import { orderCreatedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordOrderOpened } from "../domain/workbench/projection.ts";
import { asBizTx } from "./bizTx.ts";

/** order_created → the order opened, at its price. */
export const orderCreatedHandler = on(orderCreatedV1, (tx, { payload }) =>
  recordOrderOpened(asBizTx(tx), {
    orderId: payload.orderId,
    customerId: payload.customerId,
    priceAmount: payload.priceAmount,
    currency: payload.currency,
    openedAt: new Date(payload.createdAt),
  }),
);
