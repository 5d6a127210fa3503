import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const deviceDataSyncedV1 = defineEvent({
  name: "device_data_synced",
  version: 1,
  producer: "user",
  description: "Readings arrived from a bound device.",
  payload: z.object({
    userId: z.uuid(),
    deviceBindingId: z.uuid(),
    recordCount: z.number().int().positive(),
    syncedAt: z.iso.datetime({ offset: true }),
  }),
});
