import type { SubgraphPrivacy } from "@health/platform/privacy";
import { collectFinance } from "./collect.ts";
import { eraseFinance } from "./erase.ts";
import { FINANCE_TABLES } from "./policy.ts";

/**
 * Finance's part of data-subject rights (issue 13): the person's accounts, entries, payments, refunds,
 * gifts, settlements and orders. Erasure keeps the books (under the tombstone id) and clears the
 * person's words. Nothing about a person lives outside the database (Redis holds no finance data).
 */
export const financePrivacy = (): SubgraphPrivacy => ({
  subgraph: "finance",
  tables: FINANCE_TABLES,
  collect: collectFinance,
  erase: eraseFinance,
});
