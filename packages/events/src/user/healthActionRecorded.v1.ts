import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const healthActionRecordedV1 = defineEvent({
  name: "health_action_recorded",
  version: 1,
  producer: "user",
  description: "A user recorded a health action (workout, meal, medication, ...).",
  payload: z.object({
    actionId: z.uuid(),
    userId: z.uuid(),
    type: z.enum(["WORKOUT", "MEAL", "MEDICATION", "MEDITATION", "WATER", "OTHER"]),
    durationMinutes: z.number().int().nonnegative().nullable(),
    occurredAt: z.iso.datetime({ offset: true }),
  }),
});
