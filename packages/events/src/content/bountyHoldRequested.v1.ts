import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const bountyHoldRequestedV1 = defineEvent({
  name: "bounty_hold_requested",
  version: 1,
  producer: "content",
  description:
    "An asker offers a bounty on a new question: finance moves the points from the asker's points account into the question's escrow and answers bounty_held, or bounty_hold_refused when the asker has too few.",
  payload: z.object({
    /** The question's id, which is also the bounty saga's id. */
    questionId: z.uuid(),
    askerId: z.uuid(),
    points: z.number().int().positive(),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});
