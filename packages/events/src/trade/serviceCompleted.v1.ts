import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const serviceCompletedV1 = defineEvent({
  name: "service_completed",
  version: 1,
  producer: "trade",
  description: "A coach completed the service of an order (the seed's settlement, feed and rating trigger).",
  payload: z.object({
    orderId: z.uuid(),
    userId: z.uuid(),
    healthWorkerId: z.uuid(),
    completionTime: z.iso.datetime({ offset: true }),
    rating: z.number().int().min(1).max(5).nullable(),
    priceAmount: z.number().int().nonnegative(),
    currency: z.string().length(3),
  }),
});
