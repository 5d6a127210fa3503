import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

export const bizConfigSchema = subgraphConfigSchema("biz").extend({
  /** How long finance has to take a paid group's price before the membership fails (default 15 min). */
  COMMUNITY_PAYMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  /** How often memberships whose payment timed out are failed (default 30 s). */
  COMMUNITY_PAYMENT_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type BizConfig = z.infer<typeof bizConfigSchema>;
