import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const userUnfollowedV1 = defineEvent({
  name: "user_unfollowed",
  version: 1,
  producer: "dynamic",
  description: "A user stopped following another (unfollowing someone not followed publishes nothing).",
  payload: z.object({
    followerId: z.uuid(),
    followeeId: z.uuid(),
    at: z.iso.datetime({ offset: true }),
  }),
});
