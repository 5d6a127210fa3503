import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const adClickedV1 = defineEvent({
  name: "ad_clicked",
  version: 1,
  producer: "ec",
  description: "A viewer clicked an ad.",
  payload: z.object({
    campaignId: z.uuid(),
    /** The signed-in viewer; null for an anonymous one (known to ec only by a device id). */
    viewerId: z.uuid().nullable(),
    clickedAt: z.iso.datetime({ offset: true }),
    /** The click's own id (ec's `ad_clicks`). */
    clickId: z.uuid().optional(),
    /** Whether the click was charged: false on a CPM campaign or when no budget was left. */
    charged: z.boolean().optional(),
    /** What the click cost the campaign, in the currency's smallest unit (0 when not charged). */
    chargedAmount: z.number().int().nonnegative().optional(),
    /** ISO 4217, with `chargedAmount`. */
    currency: z.string().length(3).optional(),
  }),
});
