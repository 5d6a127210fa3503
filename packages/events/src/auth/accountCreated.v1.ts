import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const accountCreatedV1 = defineEvent({
  name: "account_created",
  version: 1,
  producer: "auth",
  description:
    "A person signed up: an account exists from createdAt (ops's risk rules need an account's age).",
  payload: z.object({
    accountId: z.uuid(),
    createdAt: z.iso.datetime({ offset: true }),
  }),
});
