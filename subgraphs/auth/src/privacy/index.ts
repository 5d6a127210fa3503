import type { SubgraphPrivacy } from "@health/platform/privacy";
import { collectAuth } from "./collect.ts";
import { type AuthErasureDeps, eraseAuth } from "./erase.ts";
import { AUTH_TABLES } from "./policy.ts";

/**
 * auth's answer to data-subject rights: the account, its sessions, keys, coach applications and erasure
 * requests. Its Redis holds tokens' revocation markers (about sessions, not people) and sign-in throttle
 * counters that expire within LOGIN_WINDOW_SECONDS, so there is nothing for `purgeOutside`.
 */
export const authPrivacy = (deps: AuthErasureDeps): SubgraphPrivacy => ({
  subgraph: "auth",
  tables: AUTH_TABLES,
  collect: collectAuth,
  erase: (tx, subject) => eraseAuth(deps, tx, subject),
});
