import { adClickedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** ad_clicked → AD_CLICKED about the viewer; an anonymous click is about nobody and makes no activity. */
export const adClickedActivity: ActivityMapper<typeof adClickedV1> = (event) =>
  event.payload.viewerId === null
    ? null
    : {
        type: "AD_CLICKED",
        sourceEventId: event.id,
        actorId: event.payload.viewerId,
        objectType: "AD_CAMPAIGN",
        objectId: event.payload.campaignId,
        summary: "clicked an ad",
        occurredAt: new Date(event.payload.clickedAt),
      };

export const adClickedHandler = activityHandler(adClickedV1, adClickedActivity);
