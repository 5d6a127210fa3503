import type { SubgraphPrivacy } from "@health/platform/privacy";
import { collectUser } from "./collect.ts";
import { eraseUser } from "./erase.ts";
import { USER_TABLES } from "./policy.ts";

/** The user subgraph's part in data-subject rights (issue 13). It caches nothing about a person in Redis. */
export const userPrivacy = (): SubgraphPrivacy => ({
  subgraph: "user",
  tables: USER_TABLES,
  collect: collectUser,
  erase: eraseUser,
});
