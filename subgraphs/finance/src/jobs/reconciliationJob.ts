import { type PeriodicJob, startPeriodicJob } from "@health/platform/jobs";
import type { Logger } from "pino";
import { yesterdayOf } from "../domain/reconciliation/day.ts";
import { type ReconcileDeps, reconcileDay } from "../domain/reconciliation/reconcile.ts";

/** How often the job looks whether yesterday still needs reconciling: one indexed count when it does not. */
const LOOK_EVERY_MS = 10 * 60 * 1000;

/**
 * Reconciles yesterday (UTC) once, at the first look after `runAfterMinutes` past midnight, and again on
 * a later look if a run failed or the process was down then. Every instance runs it: the run's advisory
 * lock serializes them, and a run that finds yesterday already has a scheduled report does nothing.
 */
export function startReconciliationJob(
  deps: ReconcileDeps,
  options: { logger: Logger; intervalMs?: number },
): PeriodicJob {
  return startPeriodicJob(
    async () => {
      const now = new Date();
      const minutesPastMidnight = now.getUTCHours() * 60 + now.getUTCMinutes();
      if (minutesPastMidnight < deps.reconciliation.runAfterMinutes) return;
      const date = yesterdayOf(now);
      const day = new Date(`${date}T00:00:00Z`);
      if ((await deps.db.reconciliationReport.count({ where: { date: day, trigger: "SCHEDULE" } })) > 0)
        return;
      const report = await reconcileDay(deps, date, now, "SCHEDULE");
      if (report) {
        const { found, repaired, flagged, alreadyFlagged } = report;
        options.logger.info({ date, found, repaired, flagged, alreadyFlagged }, "daily reconciliation done");
      }
    },
    { name: "daily reconciliation", intervalMs: options.intervalMs ?? LOOK_EVERY_MS, logger: options.logger },
  );
}
