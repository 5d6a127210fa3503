import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const loginFailedV1 = defineEvent({
  name: "login_failed",
  version: 1,
  producer: "auth",
  description:
    "A sign-in was refused. Carries a hash of the normalised identifier, never the identifier's text or the password; ops's risk rules count repeated failures.",
  payload: z.object({
    /** The account the identifier named; null when it named none. */
    accountId: z.uuid().nullable(),
    /** SHA-256 (hex) of the identifier as auth normalises it (trimmed, lower-cased). */
    identifierHash: z.string().regex(/^[0-9a-f]{64}$/),
    reason: z.enum(["UNKNOWN_ACCOUNT", "WRONG_PASSWORD", "ACCOUNT_DISABLED"]),
    failedAt: z.iso.datetime({ offset: true }),
  }),
});
