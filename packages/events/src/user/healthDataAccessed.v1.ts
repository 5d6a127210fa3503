import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const healthDataAccessedV1 = defineEvent({
  name: "health_data_accessed",
  version: 1,
  producer: "user",
  description:
    "Someone other than the owner (a coach, an admin, another user) or ai on anyone's behalf tried to read a person's health data: one event per access-log row, allowed or denied. Carries no health value.",
  payload: z.object({
    /** The access log row (user's `health_data_access_log.id`). */
    accessId: z.string().regex(/^[0-9]+$/),
    readerId: z.uuid(),
    /** What the reader was to the owner: OWNER (only when through ai), ADMIN, COACH or USER. */
    readerRole: z.enum(["OWNER", "ADMIN", "COACH", "USER"]),
    /** "ai" when the read went through ai (its health insights) on the reader's behalf; null otherwise. */
    via: z.enum(["ai"]).nullable(),
    ownerId: z.uuid(),
    resource: z.enum(["HEALTH_RECORDS", "HEALTH_ACTIONS", "HEALTH_GOALS", "ASSESSMENTS", "DEVICE_BINDINGS"]),
    metric: z.string().min(1).nullable(),
    outcome: z.enum(["ALLOWED", "DENIED"]),
    reason: z.string().min(1),
    accessedAt: z.iso.datetime({ offset: true }),
  }),
});
