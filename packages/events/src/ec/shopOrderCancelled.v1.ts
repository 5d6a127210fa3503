import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const shopOrderCancelledV1 = defineEvent({
  name: "shop_order_cancelled",
  version: 1,
  producer: "ec",
  description:
    "A shop order was cancelled or its reservation expired: its stock is back, and finance voids or refunds what it took for it.",
  payload: z.object({
    shopOrderId: z.uuid(),
    buyerId: z.uuid(),
    /** CANCELLED or EXPIRED. */
    status: z.enum(["CANCELLED", "EXPIRED"]),
    reason: z.string().min(1),
    cancelledAt: z.iso.datetime({ offset: true }),
  }),
});
