import { orderAssignedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** order_assigned → ORDER_ASSIGNED about the customer; the coach is the target. */
export const orderAssignedActivity: ActivityMapper<typeof orderAssignedV1> = (event) => ({
  type: "ORDER_ASSIGNED",
  sourceEventId: event.id,
  actorId: event.payload.customerId,
  targetUserId: event.payload.coachId,
  objectType: "SERVICE_ORDER",
  objectId: event.payload.orderId,
  summary: "had their service order taken by a coach",
  occurredAt: new Date(event.payload.assignedAt),
});

export const orderAssignedHandler = activityHandler(orderAssignedV1, orderAssignedActivity);
