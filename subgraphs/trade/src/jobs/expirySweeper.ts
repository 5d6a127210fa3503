import type { Logger } from "pino";
import { completeUnconfirmedOrders } from "../domain/orders/completion.ts";
import { expireOverdueOrders, type OrderEffects } from "../domain/orders/orders.ts";

export interface ExpirySweeper {
  /** Waits for a sweep in progress, then stops. */
  stop(): Promise<void>;
}

/**
 * Every `intervalMs`: marks OPEN orders whose grab deadline passed EXPIRED, and completes orders whose
 * confirmation deadline passed without the customer confirming or disputing. Several instances may
 * sweep at once: each UPDATE only moves rows still in the state it looks for, so each order moves once.
 * Grab reads never depend on it: availableOrders, the replay and grabOrder all treat a passed deadline
 * as not grabbable.
 */
export function startExpirySweeper(
  effects: OrderEffects,
  options: { intervalMs: number; logger: Logger },
): ExpirySweeper {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    const now = new Date();
    running = Promise.allSettled([
      expireOverdueOrders(effects, now),
      completeUnconfirmedOrders(effects, now),
    ]).then((sweeps) => {
      for (const sweep of sweeps) {
        if (sweep.status === "rejected") {
          options.logger.warn({ err: sweep.reason }, "order sweep failed; retrying on the next tick");
        }
      }
    });
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
