import { contentPublishedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** content_published → CONTENT_PUBLISHED about the author; objectType is the kind (COURSE, LESSON, ARTICLE). */
export const contentPublishedActivity: ActivityMapper<typeof contentPublishedV1> = (event) => ({
  type: "CONTENT_PUBLISHED",
  sourceEventId: event.id,
  actorId: event.payload.authorId,
  objectType: event.payload.kind,
  objectId: event.payload.contentId,
  summary: `published ${event.payload.kind === "ARTICLE" ? "an article" : `a ${event.payload.kind.toLowerCase()}`}: ${event.payload.title}`,
  occurredAt: new Date(event.payload.publishedAt),
});

export const contentPublishedHandler = activityHandler(contentPublishedV1, contentPublishedActivity);
