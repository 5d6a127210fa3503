import { orderAssignedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordOrderAssigned } from "../domain/workbench/projection.ts";
import { asBizTx } from "./bizTx.ts";

/** order_assigned → the order is the coach's, in progress. */
export const orderAssignedHandler = on(orderAssignedV1, (tx, { payload }) =>
  recordOrderAssigned(asBizTx(tx), {
    orderId: payload.orderId,
    customerId: payload.customerId,
    coachId: payload.coachId,
    assignedAt: new Date(payload.assignedAt),
  }),
);
