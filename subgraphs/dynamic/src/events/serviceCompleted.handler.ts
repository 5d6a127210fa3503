import { serviceCompletedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** service_completed → SERVICE_COMPLETED about the customer; the health worker is the target. */
export const serviceCompletedActivity: ActivityMapper<typeof serviceCompletedV1> = (event) => ({
  type: "SERVICE_COMPLETED",
  sourceEventId: event.id,
  actorId: event.payload.userId,
  targetUserId: event.payload.healthWorkerId,
  objectType: "SERVICE_ORDER",
  objectId: event.payload.orderId,
  summary:
    event.payload.rating === null
      ? "completed a coaching service"
      : `completed a coaching service and rated it ${event.payload.rating}/5`,
  occurredAt: new Date(event.payload.completionTime),
});

export const serviceCompletedHandler = activityHandler(serviceCompletedV1, serviceCompletedActivity);
