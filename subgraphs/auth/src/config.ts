import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

export const authConfigSchema = subgraphConfigSchema("auth").extend({
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 24 * 3600),
  /** Failed logins allowed per account from one IP, and attempts per IP, within LOGIN_WINDOW_SECONDS. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** How long a requested account erasure waits, cancellable, before it starts (default 7 days). */
  ACCOUNT_ERASURE_COOLING_OFF_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(7 * 24 * 3600),
  /** How often the sweeper looks for erasures whose cooling-off period is over. */
  ACCOUNT_ERASURE_SWEEP_SECONDS: z.coerce.number().int().min(1).default(60),
});

export type AuthConfig = z.infer<typeof authConfigSchema>;
