import type { NatsPubSub } from "@health/platform/nats";
import type { ExportStore } from "@health/platform/privacy";
import type { RateLimiter } from "@health/platform/redis";
import type { Infrastructure } from "@health/platform/server";
import type { AuthConfig } from "./config.ts";
import type { AuthDb } from "./db.ts";
import type { SigningKeyStore } from "./domain/signingKeys.ts";

export interface AuthDeps extends Infrastructure<AuthDb> {
  keys: SigningKeyStore;
  /** Data exports: the parts subgraphs wrote and the archives auth assembles (issue 13). */
  exports: ExportStore;
  /** Live updates of data exports (`dataExportUpdated`), through NATS so any instance delivers them. */
  pubSub: NatsPubSub;
  /** Limits how many exports a person may request (DATA_EXPORT_MAX_PER_DAY). */
  exportLimiter: RateLimiter;
  config: Pick<
    AuthConfig,
    | "ACCESS_TOKEN_TTL_SECONDS"
    | "REFRESH_TOKEN_TTL_SECONDS"
    | "JWT_ISSUER"
    | "JWT_AUDIENCE"
    | "LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP"
    | "LOGIN_MAX_ATTEMPTS_PER_IP"
    | "LOGIN_WINDOW_SECONDS"
    | "ACCOUNT_ERASURE_COOLING_OFF_SECONDS"
    | "PUBLIC_URL"
    | "DATA_EXPORT_RETENTION_SECONDS"
    | "DATA_EXPORT_LINK_TTL_SECONDS"
    | "DATA_EXPORT_SWEEP_SECONDS"
    | "DATA_EXPORT_MAX_PER_DAY"
  >;
}
