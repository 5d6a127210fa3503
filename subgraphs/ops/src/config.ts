import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";
import { DEFAULT_LEVEL_THRESHOLDS, levelThresholdsSchema } from "./domain/levels/rules.ts";

export const opsConfigSchema = subgraphConfigSchema("ops").extend({
  /**
   * The level rules' table (M05), levels 2–5 as JSON: `[{ "level": 2, "completedOrders": 5, "minRatings":
   * 3, "minAverage": 3.5, "verifiedCertificates": 1 }, …]`. Default: the production table in the README.
   */
  OPS_LEVEL_THRESHOLDS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return DEFAULT_LEVEL_THRESHOLDS;
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        ctx.addIssue({ code: "custom", message: "must be JSON: an array of levels 2–5 (see the README)" });
        return z.NEVER;
      }
      const parsed = levelThresholdsSchema.safeParse(json);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: z.prettifyError(parsed.error) });
        return z.NEVER;
      }
      return parsed.data;
    }),
  /** Notifications (M17): recipients per fan-out batch, one transaction each (default 200). */
  NOTIFICATION_FANOUT_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  /** Notifications (M17): how often sends another instance left unfinished are taken over (default 30 s). */
  NOTIFICATION_SEND_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type OpsConfig = z.infer<typeof opsConfigSchema>;
