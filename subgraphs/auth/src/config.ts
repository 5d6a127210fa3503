import { ROUTER_PORT, subgraphConfigSchema } from "@health/platform/config";
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
  /** The platform's public address (the router's): download links point at `<PUBLIC_URL>/data-exports/...`. */
  PUBLIC_URL: z.url().default(`http://127.0.0.1:${ROUTER_PORT}`),
  /** How long an assembled export stays downloadable before the sweeper deletes it (default 7 days). */
  DATA_EXPORT_RETENTION_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 24 * 3600),
  /** How long a download link works once minted (default 10 minutes; every read mints a fresh one). */
  DATA_EXPORT_LINK_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(600),
  /** How often the retention sweeper looks for expired exports (default 5 minutes). */
  DATA_EXPORT_SWEEP_SECONDS: z.coerce.number().int().min(1).default(300),
  /** Exports one person may request per day (a request answered by the one in progress is free). */
  DATA_EXPORT_MAX_PER_DAY: z.coerce.number().int().min(1).default(5),
});

export type AuthConfig = z.infer<typeof authConfigSchema>;
