import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const coursePurchaseCancelledV1 = defineEvent({
  name: "course_purchase_cancelled",
  version: 1,
  producer: "content",
  description:
    "A course purchase ended unpaid (its payment was not answered in time): finance voids or refunds whatever it took for it, however late its provider answers.",
  payload: z.object({
    purchaseId: z.uuid(),
    courseId: z.uuid(),
    buyerId: z.uuid(),
    reason: z.string().min(1),
    cancelledAt: z.iso.datetime({ offset: true }),
  }),
});
