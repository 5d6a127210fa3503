import { healthActionRecordedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** health_action_recorded → HEALTH_ACTION_RECORDED about the user who did it. */
export const healthActionRecordedActivity: ActivityMapper<typeof healthActionRecordedV1> = (event) => ({
  type: "HEALTH_ACTION_RECORDED",
  sourceEventId: event.id,
  actorId: event.payload.userId,
  objectType: "HEALTH_ACTION",
  objectId: event.payload.actionId,
  summary: event.payload.durationMinutes
    ? `recorded a ${event.payload.durationMinutes}-minute ${event.payload.type.toLowerCase()}`
    : `recorded a ${event.payload.type.toLowerCase()}`,
  occurredAt: new Date(event.payload.occurredAt),
});

export const healthActionRecordedHandler = activityHandler(
  healthActionRecordedV1,
  healthActionRecordedActivity,
);
