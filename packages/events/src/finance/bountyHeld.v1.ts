import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const bountyHeldV1 = defineEvent({
  name: "bounty_held",
  version: 1,
  producer: "finance",
  description: "Finance holds a question's bounty in escrow, taken from the asker's points.",
  payload: z.object({
    questionId: z.uuid(),
    askerId: z.uuid(),
    points: z.number().int().positive(),
    heldAt: z.iso.datetime({ offset: true }),
  }),
});
