import { type PeriodicJob, startPeriodicJob } from "@health/platform/jobs";
import type { Logger } from "pino";
import { expireOverdueReservations, type ShopOrderEffects } from "../domain/shopOrders/shopOrders.ts";

/**
 * Every `intervalMs`: expires RESERVED shop orders whose window passed and gives their stock back.
 * Several instances may sweep at once: each order's conditional UPDATE on its status lets exactly one
 * of them release it.
 */
export const startReservationSweeper = (
  effects: ShopOrderEffects,
  options: { intervalMs: number; logger: Logger },
): PeriodicJob =>
  startPeriodicJob(() => expireOverdueReservations(effects, new Date()), {
    name: "reservation sweep",
    ...options,
  });
