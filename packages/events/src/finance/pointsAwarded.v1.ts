import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const pointsAwardedV1 = defineEvent({
  name: "points_awarded",
  version: 1,
  producer: "finance",
  description: "Points were credited to a user.",
  payload: z.object({
    userId: z.uuid(),
    points: z.number().int().positive(),
    reason: z.string().min(1),
    awardedAt: z.iso.datetime({ offset: true }),
  }),
});
