import type { Logger } from "pino";
import { expireOverdueReservations, type ShopOrderEffects } from "../domain/shopOrders/shopOrders.ts";

export interface ReservationSweeper {
  /** Waits for a sweep in progress, then stops. */
  stop(): Promise<void>;
}

/**
 * Every `intervalMs`: expires RESERVED shop orders whose window passed and gives their stock back.
 * Several instances may sweep at once: each order's conditional UPDATE on its status lets exactly one
 * of them release it. A sweep still running when the next tick comes is not doubled.
 */
export function startReservationSweeper(
  effects: ShopOrderEffects,
  options: { intervalMs: number; logger: Logger },
): ReservationSweeper {
  let running: Promise<unknown> | null = null;
  const sweep = async () => {
    try {
      await expireOverdueReservations(effects, new Date());
    } catch (err) {
      options.logger.warn({ err }, "reservation sweep failed; retrying on the next tick");
    } finally {
      running = null;
    }
  };
  const timer = setInterval(() => {
    running ??= sweep();
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
