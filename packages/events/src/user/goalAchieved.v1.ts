import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const goalAchievedV1 = defineEvent({
  name: "goal_achieved",
  version: 1,
  producer: "user",
  description: "A new health record met one of the user's goals.",
  payload: z.object({
    goalId: z.uuid(),
    userId: z.uuid(),
    metric: z.string().min(1),
    target: z.number(),
    achievedAt: z.iso.datetime({ offset: true }),
  }),
});
