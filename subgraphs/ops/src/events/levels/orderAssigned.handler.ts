import { orderAssignedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordOrderAssigned } from "../../domain/ratings/coachOrders.ts";
import { asOpsTx } from "./opsTx.ts";

/** order_assigned → ops knows the order's customer and coach (a rating before completion is CONFLICT). */
export const orderAssignedHandler = on(orderAssignedV1, (tx, { payload }) =>
  recordOrderAssigned(asOpsTx(tx), {
    orderId: payload.orderId,
    customerId: payload.customerId,
    coachId: payload.coachId,
    assignedAt: new Date(payload.assignedAt),
  }),
);
