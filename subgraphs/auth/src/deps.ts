import type { ExportStore } from "@health/platform/privacy";
import type { Infrastructure } from "@health/platform/server";
import type { AuthConfig } from "./config.ts";
import type { AuthDb } from "./db.ts";
import type { SigningKeyStore } from "./domain/signingKeys.ts";

export interface AuthDeps extends Infrastructure<AuthDb> {
  keys: SigningKeyStore;
  /** Data exports: the parts subgraphs wrote and the archives auth assembles (issue 13). */
  exports: ExportStore;
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
  >;
}
