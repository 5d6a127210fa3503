import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const coursePurchasedV1 = defineEvent({
  name: "course_purchased",
  version: 1,
  producer: "content",
  description:
    "A buyer owns a course now: a free course at once, a paid one when finance has taken its payment. For the author's figures (biz's workbench), never a feed: what someone studies may tell of their health.",
  payload: z.object({
    purchaseId: z.uuid(),
    courseId: z.uuid(),
    /** The course's author, whose sale it is. */
    authorId: z.uuid(),
    buyerId: z.uuid(),
    /** Minor units; 0 for a free course. */
    amount: z.number().int().nonnegative(),
    currency: z.string().length(3),
    purchasedAt: z.iso.datetime({ offset: true }),
  }),
});
