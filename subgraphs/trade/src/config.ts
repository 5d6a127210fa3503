import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

export const tradeConfigSchema = subgraphConfigSchema("trade").extend({
  /**
   * How far back `orderAvailable(after:)` replays missed grab notifications from JetStream (default 24 h);
   * an `after` older than that is refused (REPLAY_WINDOW_EXPIRED) and the client re-syncs.
   */
  GRAB_NOTIFICATION_RETENTION_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
  /**
   * How long a customer has to confirm or dispute a service the coach marked done (default 72 h); the
   * expiry sweeper completes an order nobody confirmed or disputed by then.
   */
  ORDER_CONFIRMATION_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(72 * 3600),
  /**
   * How often the sweeper marks OPEN orders past their grab deadline EXPIRED and completes orders past
   * their confirmation deadline (default 30 s).
   */
  ORDER_EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * How long finance has to authorize a new order's payment before the order is cancelled (default
   * 120 s; the same sweeper times it out).
   */
  ORDER_PAYMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
});

export type TradeConfig = z.infer<typeof tradeConfigSchema>;
