import { giftSentV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** gift_sent → GIFT_SENT about the sender; the recipient is the target (the amount stays out of feeds). */
export const giftSentActivity: ActivityMapper<typeof giftSentV1> = (event) => ({
  type: "GIFT_SENT",
  sourceEventId: event.id,
  actorId: event.payload.senderId,
  targetUserId: event.payload.recipientId,
  objectType: "GIFT_ORDER",
  objectId: event.payload.giftOrderId,
  summary: "sent a gift",
  occurredAt: new Date(event.payload.sentAt),
});

export const giftSentHandler = activityHandler(giftSentV1, giftSentActivity);
