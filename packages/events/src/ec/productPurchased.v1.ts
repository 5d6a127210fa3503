import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const productPurchasedV1 = defineEvent({
  name: "product_purchased",
  version: 1,
  producer: "ec",
  description: "A shop order was paid for.",
  payload: z.object({
    orderId: z.uuid(),
    buyerId: z.uuid(),
    items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive() })).min(1),
    totalAmount: z.number().int().nonnegative(),
    currency: z.string().length(3),
    purchasedAt: z.iso.datetime({ offset: true }),
  }),
});
