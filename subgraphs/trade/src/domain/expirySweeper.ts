import type { Logger } from "pino";
import { expireOverdueOrders, type OrderEffects } from "./orders.ts";

export interface ExpirySweeper {
  /** Waits for a sweep in progress, then stops. */
  stop(): Promise<void>;
}

/**
 * Marks OPEN orders whose grab deadline passed EXPIRED every `intervalMs`. Several instances may sweep
 * at once: the UPDATE only moves rows still OPEN, so each order expires once. Reads never depend on
 * it: availableOrders, the replay and grabOrder all treat a passed deadline as not grabbable.
 */
export function startExpirySweeper(
  effects: OrderEffects,
  options: { intervalMs: number; logger: Logger },
): ExpirySweeper {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = expireOverdueOrders(effects, new Date()).catch((error: unknown) =>
      options.logger.warn({ err: error }, "order expiry sweep failed; retrying on the next tick"),
    );
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
