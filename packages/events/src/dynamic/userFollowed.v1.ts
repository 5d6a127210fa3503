import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const userFollowedV1 = defineEvent({
  name: "user_followed",
  version: 1,
  producer: "dynamic",
  description: "A user started following another (a repeat follow publishes nothing).",
  payload: z.object({
    followerId: z.uuid(),
    followeeId: z.uuid(),
    at: z.iso.datetime({ offset: true }),
  }),
});
