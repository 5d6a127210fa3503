import { postLikedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** post_liked → POST_LIKED about the liker; the post's author is the target. */
export const postLikedActivity: ActivityMapper<typeof postLikedV1> = (event) => ({
  type: "POST_LIKED",
  sourceEventId: event.id,
  actorId: event.payload.likerId,
  targetUserId: event.payload.authorId,
  objectType: "POST",
  objectId: event.payload.postId,
  summary: "liked a post",
  occurredAt: new Date(event.payload.likedAt),
});

export const postLikedHandler = activityHandler(postLikedV1, postLikedActivity);
