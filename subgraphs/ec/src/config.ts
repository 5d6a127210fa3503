import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

export const ecConfigSchema = subgraphConfigSchema("ec").extend({
  /**
   * How long a placed shop order holds its stock waiting for payment (default 15 min); the reservation
   * sweeper then expires it and gives the stock back.
   */
  SHOP_RESERVATION_WINDOW_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  /** How often the reservation sweeper looks for reservations past their window (default 30 s). */
  SHOP_RESERVATION_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** A viewer's impressions of one ad count once per window of this length (default 30 min). */
  AD_IMPRESSION_WINDOW_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
});

export type EcConfig = z.infer<typeof ecConfigSchema>;
