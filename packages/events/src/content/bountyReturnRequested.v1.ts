import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const bountyReturnRequestedV1 = defineEvent({
  name: "bounty_return_requested",
  version: 1,
  producer: "content",
  description:
    "A question's bounty ends unpaid (it expired with no accepted answer, or its hold was given up): finance returns whatever it holds for the question to the asker, once; when it holds nothing, nothing moves.",
  payload: z.object({
    questionId: z.uuid(),
    askerId: z.uuid(),
    reason: z.string().min(1),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});
