import { orderCreatedV1 } from "@health/events/catalog";
import { formatMoney } from "../domain/money.ts";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** order_created → ORDER_CREATED about the customer. */
export const orderCreatedActivity: ActivityMapper<typeof orderCreatedV1> = (event) => ({
  type: "ORDER_CREATED",
  sourceEventId: event.id,
  actorId: event.payload.customerId,
  objectType: "SERVICE_ORDER",
  objectId: event.payload.orderId,
  summary: `ordered a ${event.payload.serviceType} service (${formatMoney(event.payload.priceAmount, event.payload.currency)})`,
  occurredAt: new Date(event.payload.createdAt),
});

export const orderCreatedHandler = activityHandler(orderCreatedV1, orderCreatedActivity);
