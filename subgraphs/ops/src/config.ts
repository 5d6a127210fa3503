import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";
import { DEFAULT_LEVEL_THRESHOLDS, levelThresholdsSchema } from "./domain/levels/rules.ts";
import { parseAmountThresholds, SEVERITIES } from "./domain/risk/rules.ts";

const count = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const severity = (fallback: (typeof SEVERITIES)[number]) => z.enum(SEVERITIES).default(fallback);
/** "true"/"false" (z.coerce.boolean would read "false" as true). */
const flag = (fallback: boolean) =>
  z
    .enum(["true", "false"])
    .default(fallback ? "true" : "false")
    .transform((value) => value === "true");

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
  // Risk rules (M18); README "Risk (M18)" has the table.
  RISK_VELOCITY_MAX_GRABS: count(1, 10_000, 10),
  RISK_VELOCITY_WINDOW_SECONDS: count(1, 3600, 60),
  RISK_VELOCITY_SEVERITY: severity("HIGH"),
  RISK_VELOCITY_HOLD: flag(true),
  /** Per currency, minor units: `CNY:500000,USD:70000`. */
  RISK_AMOUNT_THRESHOLDS: z
    .string()
    .default("CNY:500000,USD:70000,EUR:65000")
    .refine(
      (text) => {
        try {
          parseAmountThresholds(text);
          return true;
        } catch {
          return false;
        }
      },
      { message: "must be CURRENCY:AMOUNT pairs separated by commas, amounts in minor units (CNY:500000)" },
    ),
  RISK_AMOUNT_DEFAULT_THRESHOLD: count(1, Number.MAX_SAFE_INTEGER, 500_000),
  RISK_AMOUNT_SEVERITY: severity("MEDIUM"),
  RISK_AMOUNT_HOLD: flag(false),
  RISK_NEW_ACCOUNT_DAYS: count(1, 365, 7),
  RISK_NEW_ACCOUNT_AMOUNT: count(1, Number.MAX_SAFE_INTEGER, 100_000),
  RISK_NEW_ACCOUNT_SEVERITY: severity("HIGH"),
  RISK_NEW_ACCOUNT_HOLD: flag(false),
  RISK_FAILED_LOGINS: count(2, 1000, 5),
  RISK_FAILED_LOGIN_WINDOW_MINUTES: count(1, 1440, 15),
  RISK_FAILED_LOGIN_SEVERITY: severity("HIGH"),
  RISK_FAILED_LOGIN_HOLD: flag(true),
  RISK_CHAT_MAX_MESSAGES: count(1, 10_000, 20),
  RISK_CHAT_MAX_REPEATS: count(2, 10_000, 5),
  RISK_CHAT_WINDOW_SECONDS: count(1, 3600, 30),
  RISK_CHAT_SEVERITY: severity("LOW"),
  RISK_CHAT_HOLD: flag(false),
  RISK_SCORE_THRESHOLD: count(0, 100, 80),
  RISK_SCORE_SEVERITY: severity("HIGH"),
  RISK_SCORE_HOLD: flag(false),
});

export type OpsConfig = z.infer<typeof opsConfigSchema>;
