import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const paymentAuthorizedV1 = defineEvent({
  name: "payment_authorized",
  version: 1,
  producer: "finance",
  description:
    "The provider holds the funds of a payment a saga requested (the answer to *_payment_requested).",
  payload: z.object({
    paymentId: z.uuid(),
    /** The requesting saga's id. */
    requestId: z.uuid(),
    /** The subgraph whose saga asked. */
    requester: z.enum(["trade", "ec", "content", "biz"]),
    payerId: z.uuid(),
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    authorizedAt: z.iso.datetime({ offset: true }),
  }),
});
