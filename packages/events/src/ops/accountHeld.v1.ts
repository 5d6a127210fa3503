import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const accountHeldV1 = defineEvent({
  name: "account_held",
  version: 1,
  producer: "ops",
  description:
    "A risk rule or an operator held an account: trade refuses its grabs, finance its payments, biz its chat messages until account_released.",
  payload: z.object({
    holdId: z.uuid(),
    userId: z.uuid(),
    /** The alert that caused it, when a rule did. */
    alertId: z.uuid().nullable(),
    reason: z.string().min(1),
    heldAt: z.iso.datetime({ offset: true }),
  }),
});
