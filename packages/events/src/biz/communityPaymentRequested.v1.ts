import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const communityPaymentRequestedV1 = defineEvent({
  name: "community_payment_requested",
  version: 1,
  producer: "biz",
  description:
    "A user joining a paid community group asks finance to take its price (authorize, then capture at once); finance answers with payment_success or payment_failed.",
  payload: z.object({
    /** The saga's id, the membership's id: finance's payment for it takes this id. */
    requestId: z.uuid(),
    communityId: z.uuid(),
    memberId: z.uuid(),
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});
