import { type PeriodicJob, startPeriodicJob } from "@health/platform/jobs";
import { expireOverdueSagas } from "@health/platform/saga";
import type { Logger } from "pino";
import { completeUnconfirmedOrders } from "../domain/orders/completion.ts";
import { expireOverdueOrders, type OrderEffects } from "../domain/orders/orders.ts";

/**
 * Every `intervalMs`: marks OPEN orders whose grab deadline passed EXPIRED, and completes orders whose
 * confirmation deadline passed without the customer confirming or disputing, and cancels orders whose
 * payment finance did not authorize in time (the order-payment saga's timeout). Several instances may
 * sweep at once: each UPDATE only moves rows still in the state it looks for, so each order moves once.
 * Grab reads never depend on it: availableOrders, the replay and grabOrder all treat a passed deadline
 * as not grabbable.
 */
export function startExpirySweeper(
  effects: OrderEffects,
  options: { intervalMs: number; logger: Logger },
): PeriodicJob {
  return startPeriodicJob(
    async () => {
      const now = new Date();
      const sweeps = await Promise.allSettled([
        expireOverdueOrders(effects, now),
        completeUnconfirmedOrders(effects, now),
        expireOverdueSagas(effects.orderPayment, effects.db, now),
      ]);
      const failures = sweeps.flatMap((sweep) => (sweep.status === "rejected" ? [sweep.reason] : []));
      if (failures.length > 0) throw new AggregateError(failures, "order sweep failed");
    },
    { name: "order sweep", ...options },
  );
}
