import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const coachProfileUpdatedV1 = defineEvent({
  name: "coach_profile_updated",
  version: 1,
  producer: "trade",
  description:
    "A coach set (created or replaced) their matching rules: what they serve, where, and how many orders at once. The whole profile each time, so a consumer keeps the newest by updatedAt.",
  payload: z.object({
    coachId: z.uuid(),
    specialties: z.array(z.string().min(1)),
    regions: z.array(z.string().min(1)),
    capacity: z.number().int().positive(),
    updatedAt: z.iso.datetime({ offset: true }),
  }),
});
