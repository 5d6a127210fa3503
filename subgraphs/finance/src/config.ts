import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

/** The local provider's development secret: refused in production, where a real one must be set. */
export const DEV_LOCAL_PAYMENTS_WEBHOOK_SECRET = "dev-only-local-payments-webhook-secret";

export const financeConfigSchema = subgraphConfigSchema("finance")
  .extend({
    /** The HMAC-SHA256 key the local payment provider signs its webhooks with (and finance checks). */
    LOCAL_PAYMENTS_WEBHOOK_SECRET: z.string().min(16).default(DEV_LOCAL_PAYMENTS_WEBHOOK_SECRET),
    /** Where the local provider sends its webhooks. Default: this process's own route on PORT. */
    LOCAL_PAYMENTS_WEBHOOK_URL: z.url().optional(),
    /** How long the local provider takes to confirm an authorization (its webhook's delay). Default 200 ms. */
    LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(200),
    /** The local provider declines amounts (minor units) ending in these digits. Default 666 (e.g. 1666). */
    LOCAL_PAYMENTS_DECLINE_ENDING: z
      .string()
      .regex(/^\d{1,9}$/, { message: "must be 1–9 digits" })
      .default("666"),
    /** The coach's share of a gift's points, basis points (7000 = 70 %); the platform keeps the rest. */
    FINANCE_GIFT_COACH_SHARE_BPS: z.coerce.number().int().min(0).max(10_000).default(7000),
    /** The platform's fee on a settled order's captured payment, basis points (2000 = 20 %). */
    FINANCE_PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(2000),
    /** The daily reconciliation of yesterday runs at the first look after this many minutes past 00:00 UTC. Default 30. */
    FINANCE_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(0).max(1_439).default(30),
    /** A hold on an order finance never heard of is voided by reconciliation once it is this old. Default 72 hours. */
    FINANCE_RECONCILE_HOLD_MAX_AGE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
  })
  .superRefine((config, ctx) => {
    if (
      config.NODE_ENV === "production" &&
      config.LOCAL_PAYMENTS_WEBHOOK_SECRET === DEV_LOCAL_PAYMENTS_WEBHOOK_SECRET
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["LOCAL_PAYMENTS_WEBHOOK_SECRET"],
        message: "must be set to a secret of your own in production (the default is for development)",
      });
    }
  });

export type FinanceConfig = z.infer<typeof financeConfigSchema>;

/** The split rates the domain applies (basis points), as the config sets them. */
export interface FinanceRates {
  /** The coach's share of a gift. */
  giftCoachShareBps: number;
  /** The platform's fee on a settled order. */
  platformFeeBps: number;
}

export const ratesOf = (config: FinanceConfig): FinanceRates => ({
  giftCoachShareBps: config.FINANCE_GIFT_COACH_SHARE_BPS,
  platformFeeBps: config.FINANCE_PLATFORM_FEE_BPS,
});

/** How the daily reconciliation runs (domain/reconciliation/), as the config sets it. */
export interface ReconciliationSettings {
  /** Minutes past 00:00 UTC after which the periodic job reconciles yesterday. */
  runAfterMinutes: number;
  /** How old a hold on an unknown order must be before it is voided. */
  holdMaxAgeHours: number;
}

export const reconciliationSettingsOf = (config: FinanceConfig): ReconciliationSettings => ({
  runAfterMinutes: config.FINANCE_RECONCILE_AFTER_MINUTES,
  holdMaxAgeHours: config.FINANCE_RECONCILE_HOLD_MAX_AGE_HOURS,
});
