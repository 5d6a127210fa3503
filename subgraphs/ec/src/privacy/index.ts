import type { SubgraphPrivacy } from "@health/platform/privacy";
import type { EcDeps } from "../deps.ts";
import { collectEc } from "./collect.ts";
import { eraseEc } from "./erase.ts";
import { EC_TABLES } from "./policy.ts";

/** ec's answer to data-subject rights (PIPL Art. 45–47): its shop orders, ad views and campaigns. Nothing in Redis. */
export const ecPrivacy = (deps: Pick<EcDeps, "shopOrderPayment">): SubgraphPrivacy => ({
  subgraph: "ec",
  tables: EC_TABLES,
  collect: collectEc,
  erase: (tx, subject) => eraseEc(tx, subject, deps.shopOrderPayment),
});
