import { coachLevelChangedV1 } from "@health/events/catalog";
import { on, type SqlExecutor } from "@health/platform/events";
import type { TradeTx } from "../db.ts";
import { applyPublishedLevel } from "../domain/matching/coachLevels.ts";

/** ops's coach_level_changed → the coach's level for matching (the highest sequence wins). */
export const coachLevelChangedHandler = on(coachLevelChangedV1, async (tx: SqlExecutor, { payload }) => {
  // The consumer runs handlers in our Prisma client's interactive transaction.
  await applyPublishedLevel(tx as unknown as TradeTx, {
    coachId: payload.coachId,
    level: payload.level,
    sequence: payload.sequence,
    changedAt: new Date(payload.changedAt),
  });
});
