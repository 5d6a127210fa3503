import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const settlementRecordedV1 = defineEvent({
  name: "settlement_recorded",
  version: 1,
  producer: "finance",
  description:
    "A completed order's captured payment was split into the coach's payout and the platform's fee (payout + fee = amount).",
  payload: z.object({
    orderId: z.uuid(),
    paymentId: z.uuid(),
    coachId: z.uuid(),
    amount: z.number().int().positive(),
    coachPayout: z.number().int().nonnegative(),
    platformFee: z.number().int().nonnegative(),
    currency: z.string().length(3),
    settledAt: z.iso.datetime({ offset: true }),
  }),
});
