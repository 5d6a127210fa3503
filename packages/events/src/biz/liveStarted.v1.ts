import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const liveStartedV1 = defineEvent({
  name: "live_started",
  version: 1,
  producer: "biz",
  description: "A host went live.",
  payload: z.object({
    streamId: z.uuid(),
    hostId: z.uuid(),
    title: z.string().min(1),
    startedAt: z.iso.datetime({ offset: true }),
  }),
});
