import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const paymentFailedV1 = defineEvent({
  name: "payment_failed",
  version: 1,
  producer: "finance",
  description: "The provider declined a payment a saga requested; nothing was held or taken.",
  payload: z.object({
    paymentId: z.uuid(),
    requestId: z.uuid(),
    requester: z.enum(["trade", "ec", "content", "biz"]),
    payerId: z.uuid(),
    reason: z.string().min(1),
    failedAt: z.iso.datetime({ offset: true }),
  }),
});
