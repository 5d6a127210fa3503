import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const orderPaymentRequestedV1 = defineEvent({
  name: "order_payment_requested",
  version: 1,
  producer: "trade",
  description:
    "A new service order asks finance to authorize its customer's payment (the order-payment saga's first step); finance answers with payment_authorized or payment_failed.",
  payload: z.object({
    /** The saga's id, the order's id: finance's payment for it takes this id. */
    requestId: z.uuid(),
    orderId: z.uuid(),
    customerId: z.uuid(),
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});
