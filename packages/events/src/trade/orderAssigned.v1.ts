import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const orderAssignedV1 = defineEvent({
  name: "order_assigned",
  version: 1,
  producer: "trade",
  description: "A coach won (grabbed or was matched to) a service order.",
  payload: z.object({
    orderId: z.uuid(),
    customerId: z.uuid(),
    coachId: z.uuid(),
    assignedAt: z.iso.datetime({ offset: true }),
  }),
});
