import { communityCreatedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** community_created → COMMUNITY_CREATED about the group's owner. */
export const communityCreatedActivity: ActivityMapper<typeof communityCreatedV1> = (event) => ({
  type: "COMMUNITY_CREATED",
  sourceEventId: event.id,
  actorId: event.payload.ownerId,
  objectType: "COMMUNITY_GROUP",
  objectId: event.payload.groupId,
  summary: `created the group ${event.payload.name}`,
  occurredAt: new Date(event.payload.createdAt),
});

export const communityCreatedHandler = activityHandler(communityCreatedV1, communityCreatedActivity);
