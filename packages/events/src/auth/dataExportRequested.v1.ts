import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const dataExportRequestedV1 = defineEvent({
  name: "data_export_requested",
  version: 1,
  producer: "auth",
  description:
    "A person (or an admin for them) asked for a copy of everything the platform holds about them: every subgraph writes its part to the export store and answers with data_export_part_ready.",
  payload: z.object({
    exportId: z.uuid(),
    userId: z.uuid(),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
});
