import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const bountyPayoutRequestedV1 = defineEvent({
  name: "bounty_payout_requested",
  version: 1,
  producer: "content",
  description:
    "The asker accepted an answer to a question whose bounty finance holds: finance pays the held points to the answer's author, once.",
  payload: z.object({
    questionId: z.uuid(),
    answerId: z.uuid(),
    askerId: z.uuid(),
    answererId: z.uuid(),
    points: z.number().int().positive(),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});
