import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const accountErasureStartedV1 = defineEvent({
  name: "account_erasure_started",
  version: 1,
  producer: "auth",
  description:
    "A person's erasure passed its cooling-off period: every subgraph erases or anonymises what it holds about userId, keeps what law or the ledger requires under tombstoneId, and answers with account_erasure_acknowledged.",
  payload: z.object({
    erasureId: z.uuid(),
    userId: z.uuid(),
    /** Replaces the person's id in the rows a subgraph must keep (ledger entries, settlements). */
    tombstoneId: z.uuid(),
    startedAt: z.iso.datetime({ offset: true }),
  }),
});
