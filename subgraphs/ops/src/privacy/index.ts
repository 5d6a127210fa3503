import type { SubgraphPrivacy } from "@health/platform/privacy";
import { collectOps } from "./collect.ts";
import { eraseOps } from "./erase.ts";
import { OPS_TABLES } from "./policy.ts";

/**
 * ops's part of data-subject rights (issue 13): its export and its erasure, run by the `ops-privacy`
 * consumer. Nothing of a person lives outside its database (Redis holds no cache of them), so there is no
 * `purgeOutside`.
 */
export const opsPrivacy = (): SubgraphPrivacy => ({
  subgraph: "ops",
  tables: OPS_TABLES,
  collect: collectOps,
  erase: eraseOps,
});
