import { serviceCompletedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordOrderCompleted } from "../domain/workbench/projection.ts";
import { asBizTx } from "./bizTx.ts";

/** service_completed → the order completed by its coach (healthWorkerId); its price is revenue. */
export const serviceCompletedHandler = on(serviceCompletedV1, (tx, { payload }) =>
  recordOrderCompleted(asBizTx(tx), {
    orderId: payload.orderId,
    customerId: payload.userId,
    coachId: payload.healthWorkerId,
    priceAmount: payload.priceAmount,
    currency: payload.currency,
    completedAt: new Date(payload.completionTime),
  }),
);
