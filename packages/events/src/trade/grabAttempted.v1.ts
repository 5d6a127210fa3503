import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const grabAttemptedV1 = defineEvent({
  name: "grab_attempted",
  version: 1,
  producer: "trade",
  description:
    "A coach tried to grab an order, whatever came of it (won, lost to another coach, or refused by a rule or a hold): the risk rules count attempts, not wins.",
  payload: z.object({
    orderId: z.uuid(),
    coachId: z.uuid(),
    outcome: z.enum(["WON", "LOST", "REFUSED"]),
    attemptedAt: z.iso.datetime({ offset: true }),
  }),
});
