import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const coursePaymentRequestedV1 = defineEvent({
  name: "course_payment_requested",
  version: 1,
  producer: "content",
  description:
    "A buyer's course purchase asks finance to take its payment (authorize, then capture at once); finance answers with payment_success or payment_failed.",
  payload: z.object({
    /** The saga's id, the course purchase's id: finance's payment for it takes this id. */
    requestId: z.uuid(),
    courseId: z.uuid(),
    buyerId: z.uuid(),
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});
