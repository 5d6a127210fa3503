import { type PeriodicJob, startPeriodicJob } from "@health/platform/jobs";
import type { Logger } from "pino";
import type { AuthDeps } from "../../deps.ts";
import { exportState } from "./exportState.ts";
import { publishExportUpdate } from "./updates.ts";

type RetentionDeps = Pick<AuthDeps, "db" | "exports" | "pubSub">;

/**
 * Ends every READY export past its `expires_at`: its archive deleted from the store first, then EXPIRED
 * (a conditional update, so several instances may sweep at once and each export expires once) and the
 * change pushed to subscribers. A delete that fails leaves the export READY for the next sweep (its
 * link already refused, being past expiry). Returns how many expired. The bucket's own TTL is only a
 * backstop.
 */
export async function expireDataExports(deps: RetentionDeps, now = new Date()): Promise<number> {
  const due = await deps.db.dataExport.findMany({
    where: { status: "READY", expiresAt: { lte: now } },
    select: { id: true, archiveObject: true },
    take: 100,
  });
  let expired = 0;
  for (const { id, archiveObject } of due) {
    if (archiveObject) await deps.exports.delete([archiveObject]);
    const { count } = await deps.db.dataExport.updateMany({
      where: { id, status: "READY" },
      data: { status: "EXPIRED", version: { increment: 1 } },
    });
    if (count === 0) continue;
    publishExportUpdate(
      deps.pubSub,
      exportState(await deps.db.dataExport.findUniqueOrThrow({ where: { id } }), []),
    );
    expired += 1;
  }
  return expired;
}

/** The retention sweeper: every DATA_EXPORT_SWEEP_SECONDS, `expireDataExports`. */
export const startExportRetention = (
  deps: RetentionDeps & Pick<AuthDeps, "config">,
  logger: Logger,
): PeriodicJob =>
  startPeriodicJob(() => expireDataExports(deps), {
    name: "data export retention",
    intervalMs: deps.config.DATA_EXPORT_SWEEP_SECONDS * 1000,
    logger,
  });
