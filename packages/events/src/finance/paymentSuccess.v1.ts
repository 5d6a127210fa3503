import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const paymentSuccessV1 = defineEvent({
  name: "payment_success",
  version: 1,
  producer: "finance",
  description: "A payment was captured.",
  payload: z.object({
    paymentId: z.uuid(),
    /** The requesting saga's id and subgraph, for a payment a saga asked for; null for a direct one. */
    requestId: z.uuid().nullable().default(null),
    requester: z.enum(["trade", "ec", "content", "biz"]).nullable().default(null),
    payerId: z.uuid(),
    reference: z.string().min(1),
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    paidAt: z.iso.datetime({ offset: true }),
  }),
});
