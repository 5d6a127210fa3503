import type { SubgraphPrivacy } from "@health/platform/privacy";
import { collectAuth } from "./collect.ts";
import { type AuthErasureDeps, eraseAuth } from "./erase.ts";
import { exportLimitKey } from "./export/requestExport.ts";
import { AUTH_TABLES } from "./policy.ts";

/**
 * auth's answer to data-subject rights: the account, its sessions, keys, coach applications and erasure
 * requests. Its Redis holds tokens' revocation markers (about sessions, not people), sign-in throttle
 * counters keyed by a hash of the email, and the person's export-request bucket, which `purgeOutside`
 * deletes.
 */
export const authPrivacy = (deps: AuthErasureDeps): SubgraphPrivacy => ({
  subgraph: "auth",
  tables: AUTH_TABLES,
  collect: collectAuth,
  erase: (tx, subject) => eraseAuth(deps, tx, subject),
  purgeOutside: async ({ userId }) => {
    await deps.redis.del(`ratelimit:${exportLimitKey(userId)}`);
  },
});
