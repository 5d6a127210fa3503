import { pointsAwardedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** points_awarded → POINTS_AWARDED about the user credited; the object is the event itself. */
export const pointsAwardedActivity: ActivityMapper<typeof pointsAwardedV1> = (event) => ({
  type: "POINTS_AWARDED",
  sourceEventId: event.id,
  actorId: event.payload.userId,
  objectType: "POINTS_AWARD",
  objectId: event.id,
  summary: `earned ${event.payload.points} points: ${event.payload.reason}`,
  occurredAt: new Date(event.payload.awardedAt),
});

export const pointsAwardedHandler = activityHandler(pointsAwardedV1, pointsAwardedActivity);
