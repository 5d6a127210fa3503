import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const giftSentV1 = defineEvent({
  name: "gift_sent",
  version: 1,
  producer: "finance",
  description: "A user sent a gift (to a coach, a live host, a post author).",
  payload: z.object({
    giftOrderId: z.uuid(),
    senderId: z.uuid(),
    recipientId: z.uuid(),
    giftId: z.string().min(1),
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    sentAt: z.iso.datetime({ offset: true }),
  }),
});
