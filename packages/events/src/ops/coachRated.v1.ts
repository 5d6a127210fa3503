import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const coachRatedV1 = defineEvent({
  name: "coach_rated",
  version: 1,
  producer: "ops",
  description: "A customer rated the coach of an order they completed (once per order, 1–5).",
  payload: z.object({
    ratingId: z.uuid(),
    orderId: z.uuid(),
    coachId: z.uuid(),
    customerId: z.uuid(),
    score: z.number().int().min(1).max(5),
    ratedAt: z.iso.datetime({ offset: true }),
  }),
});
