import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const adClickedV1 = defineEvent({
  name: "ad_clicked",
  version: 1,
  producer: "ec",
  description: "A viewer clicked an ad.",
  payload: z.object({
    campaignId: z.uuid(),
    viewerId: z.uuid().nullable(),
    clickedAt: z.iso.datetime({ offset: true }),
  }),
});
