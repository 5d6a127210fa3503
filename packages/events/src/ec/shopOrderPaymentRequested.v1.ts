import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const shopOrderPaymentRequestedV1 = defineEvent({
  name: "shop_order_payment_requested",
  version: 1,
  producer: "ec",
  description:
    "A shop order whose stock is reserved asks finance to take its payment (authorize, then capture at once); finance answers with payment_success or payment_failed.",
  payload: z.object({
    /** The saga's id, the shop order's id: finance's payment for it takes this id. */
    requestId: z.uuid(),
    shopOrderId: z.uuid(),
    buyerId: z.uuid(),
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});
