import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const inventoryUpdatedV1 = defineEvent({
  name: "inventory_updated",
  version: 1,
  producer: "ec",
  description: "A product's stock level changed.",
  payload: z.object({
    productId: z.uuid(),
    /** Units of the product on hand, over all its SKUs. */
    available: z.number().int().nonnegative(),
    updatedAt: z.iso.datetime({ offset: true }),
    /** The SKU whose stock changed (stock is kept per SKU), when one did. */
    skuId: z.uuid().optional(),
    /** That SKU's units on hand after the change. */
    skuAvailable: z.number().int().nonnegative().optional(),
  }),
});
