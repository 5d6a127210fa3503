import { orderCancelledV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordOrderCancelled } from "../domain/workbench/projection.ts";
import { asBizTx } from "./bizTx.ts";

/** order_cancelled → the order ended without service (cancelled or expired). */
export const orderCancelledHandler = on(orderCancelledV1, (tx, { payload }) =>
  recordOrderCancelled(asBizTx(tx), {
    orderId: payload.orderId,
    customerId: payload.customerId,
    cancelledAt: new Date(payload.cancelledAt),
  }),
);
