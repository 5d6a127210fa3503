import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const coachLevelChangedV1 = defineEvent({
  name: "coach_level_changed",
  version: 1,
  producer: "ops",
  description:
    "ops computed a coach's level (1–5) from its rules and it differs from the last one published. `sequence` grows with every change of one coach, so a consumer keeps the highest it has seen.",
  payload: z.object({
    coachId: z.uuid(),
    level: z.number().int().min(1).max(5),
    previousLevel: z.number().int().min(1).max(5).nullable(),
    sequence: z.number().int().positive(),
    /** What the rules saw: completed orders, the average rating and the verified certificates. */
    basis: z.object({
      completedOrders: z.number().int().nonnegative(),
      averageRating: z.number().nullable(),
      ratings: z.number().int().nonnegative(),
      verifiedCertificates: z.number().int().nonnegative(),
    }),
    changedAt: z.iso.datetime({ offset: true }),
  }),
});
