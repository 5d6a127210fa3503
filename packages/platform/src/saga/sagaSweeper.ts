import type { Logger } from "pino";
import type { TransactionalDb } from "../events/sql.ts";
import { type PeriodicJob, startPeriodicJob } from "../jobs/periodicJob.ts";
import type { SagaDefinition } from "./defineSaga.ts";
import { expireOverdueSagas } from "./sagaRunner.ts";

/**
 * Times out `definition`'s overdue instances every `intervalMs` (`expireOverdueSagas`: compensations run
 * with "<step> timed out"); safe on several instances at once. Stop it on shutdown.
 */
export const startSagaTimeoutSweeper = <D>(
  definition: SagaDefinition<D>,
  db: TransactionalDb,
  options: { intervalMs: number; logger: Logger },
): PeriodicJob =>
  startPeriodicJob(() => expireOverdueSagas(definition, db, new Date()), {
    name: `${definition.name} timeout sweep`,
    ...options,
  });
