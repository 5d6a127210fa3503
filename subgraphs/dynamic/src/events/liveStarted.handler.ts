import { liveStartedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** live_started → LIVE_STARTED about the host. */
export const liveStartedActivity: ActivityMapper<typeof liveStartedV1> = (event) => ({
  type: "LIVE_STARTED",
  sourceEventId: event.id,
  actorId: event.payload.hostId,
  objectType: "LIVE_STREAM",
  objectId: event.payload.streamId,
  summary: `went live: ${event.payload.title}`,
  occurredAt: new Date(event.payload.startedAt),
});

export const liveStartedHandler = activityHandler(liveStartedV1, liveStartedActivity);
