import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const accountReleasedV1 = defineEvent({
  name: "account_released",
  version: 1,
  producer: "ops",
  description: "An operator released a hold on an account (account_held's holdId).",
  payload: z.object({
    holdId: z.uuid(),
    userId: z.uuid(),
    releasedBy: z.uuid(),
    releasedAt: z.iso.datetime({ offset: true }),
  }),
});
