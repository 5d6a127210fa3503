import { type PeriodicJob, startPeriodicJob } from "@health/platform/jobs";
import { expireOverdueSagas } from "@health/platform/saga";
import type { Logger } from "pino";
import { expireOverdueReservations, type ShopOrderEffects } from "../domain/shopOrders/shopOrders.ts";

/**
 * Every `intervalMs`: expires RESERVED shop orders whose window passed and gives their stock back, and
 * times out payment sagas that waited as long (their compensation finds the stock already back).
 * Several instances may sweep at once: each order's conditional UPDATE on its status lets exactly one
 * of them release it.
 */
export const startReservationSweeper = (
  effects: ShopOrderEffects,
  options: { intervalMs: number; logger: Logger },
): PeriodicJob =>
  startPeriodicJob(
    async () => {
      const now = new Date();
      await expireOverdueReservations(effects, now);
      await expireOverdueSagas(effects.shopOrderPayment, effects.db, now);
    },
    {
      name: "reservation sweep",
      ...options,
    },
  );
