import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const orderCancelledV1 = defineEvent({
  name: "order_cancelled",
  version: 1,
  producer: "trade",
  description:
    "A service order ended without service (cancelled, expired unassigned, or its payment failed): finance releases what it holds for it.",
  payload: z.object({
    orderId: z.uuid(),
    customerId: z.uuid(),
    /** CANCELLED or EXPIRED. */
    status: z.enum(["CANCELLED", "EXPIRED"]),
    reason: z.string().min(1),
    cancelledAt: z.iso.datetime({ offset: true }),
  }),
});
