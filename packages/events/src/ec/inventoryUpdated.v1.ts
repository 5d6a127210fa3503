import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const inventoryUpdatedV1 = defineEvent({
  name: "inventory_updated",
  version: 1,
  producer: "ec",
  description: "A product's stock level changed.",
  payload: z.object({
    productId: z.uuid(),
    available: z.number().int().nonnegative(),
    updatedAt: z.iso.datetime({ offset: true }),
  }),
});
