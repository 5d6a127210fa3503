import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";
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
