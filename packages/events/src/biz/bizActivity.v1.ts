import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const bizActivityV1 = defineEvent({
  name: "biz_activity",
  version: 1,
  producer: "biz",
  description: "Something worth showing happened on a business workbench (a report submitted, a milestone).",
  payload: z.object({
    businessId: z.uuid(),
    kind: z.string().min(1),
    summary: z.string().min(1),
    occurredAt: z.iso.datetime({ offset: true }),
  }),
});
