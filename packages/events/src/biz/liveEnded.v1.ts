import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const liveEndedV1 = defineEvent({
  name: "live_ended",
  version: 1,
  producer: "biz",
  description: "A host ended a live stream; the live engine stops it and refuses its URLs from then on.",
  payload: z.object({
    streamId: z.uuid(),
    hostId: z.uuid(),
    endedAt: z.iso.datetime({ offset: true }),
  }),
});
