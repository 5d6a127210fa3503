import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

export const tradeConfigSchema = subgraphConfigSchema("trade").extend({
  /**
   * How far back `orderAvailable(after:)` replays missed grab notifications from JetStream (default 24 h);
   * an `after` older than that replays from the window's edge.
   */
  GRAB_NOTIFICATION_RETENTION_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
  /** How often OPEN orders past their grab deadline are marked EXPIRED (default 30 s). */
  ORDER_EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type TradeConfig = z.infer<typeof tradeConfigSchema>;
