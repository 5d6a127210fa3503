import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const giftSentV1 = defineEvent({
  name: "gift_sent",
  version: 1,
  producer: "finance",
  description:
    "A user sent a gift (to a coach, a live host, a post author). Finance's gifts are priced in points: `amount` is the points the sender paid and `currency` is POINTS.",
  payload: z.object({
    giftOrderId: z.uuid(),
    senderId: z.uuid(),
    recipientId: z.uuid(),
    giftId: z.string().min(1),
    /** What the sender paid, in the unit `currency` names. */
    amount: z.number().int().positive(),
    /** An ISO 4217 code, or POINTS for a gift priced in points. */
    currency: z.string().regex(/^([A-Z]{3}|POINTS)$/),
    sentAt: z.iso.datetime({ offset: true }),
    /** How many of the gift (optional: added after v1's first consumers). */
    quantity: z.number().int().positive().optional(),
    /** Where it was sent, when in a live room (biz). */
    liveRoomId: z.uuid().nullable().optional(),
    /** Where it was sent, when on an order (trade). */
    orderId: z.uuid().nullable().optional(),
  }),
});
