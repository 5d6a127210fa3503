import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const orderCreatedV1 = defineEvent({
  name: "order_created",
  version: 1,
  producer: "trade",
  description: "A customer created a service order.",
  payload: z.object({
    orderId: z.uuid(),
    customerId: z.uuid(),
    serviceType: z.string().min(1),
    priceAmount: z.number().int().nonnegative(),
    currency: z.string().length(3),
    createdAt: z.iso.datetime({ offset: true }),
  }),
});
