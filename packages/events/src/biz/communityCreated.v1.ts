import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const communityCreatedV1 = defineEvent({
  name: "community_created",
  version: 1,
  producer: "biz",
  description: "A business or coach created a community group.",
  payload: z.object({
    groupId: z.uuid(),
    ownerId: z.uuid(),
    name: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }),
  }),
});
