import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const bountyHoldRefusedV1 = defineEvent({
  name: "bounty_hold_refused",
  version: 1,
  producer: "finance",
  description: "Finance could not hold a question's bounty (the asker has too few points); no points moved.",
  payload: z.object({
    questionId: z.uuid(),
    askerId: z.uuid(),
    points: z.number().int().positive(),
    /** Why, for the asker to read. */
    reason: z.string().min(1),
    refusedAt: z.iso.datetime({ offset: true }),
  }),
});
