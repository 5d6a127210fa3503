import { bizActivityV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** biz_activity → BIZ_ACTIVITY about the business account; the object is the event itself. */
export const bizActivityActivity: ActivityMapper<typeof bizActivityV1> = (event) => ({
  type: "BIZ_ACTIVITY",
  sourceEventId: event.id,
  actorId: event.payload.businessId,
  objectType: `BUSINESS_${event.payload.kind.toUpperCase()}`,
  objectId: event.id,
  summary: event.payload.summary,
  occurredAt: new Date(event.payload.occurredAt),
});

export const bizActivityHandler = activityHandler(bizActivityV1, bizActivityActivity);
