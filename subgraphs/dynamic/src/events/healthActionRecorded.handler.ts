import { healthActionRecordedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** health_action_recorded → HEALTH_ACTION_RECORDED about the user who did it. */
export const healthActionRecordedActivity: ActivityMapper<typeof healthActionRecordedV1> = (event) => ({
  type: "HEALTH_ACTION_RECORDED",
  sourceEventId: event.id,
  actorId: event.payload.userId,
  objectType: "HEALTH_ACTION",
  objectId: event.payload.actionId,
  // Health data: no action type (a medication) and no duration in a line others may be shown.
  summary: "recorded a health action",
  occurredAt: new Date(event.payload.occurredAt),
});

export const healthActionRecordedHandler = activityHandler(
  healthActionRecordedV1,
  healthActionRecordedActivity,
);
