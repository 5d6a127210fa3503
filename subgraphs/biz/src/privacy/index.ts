import type { SubgraphPrivacy } from "@health/platform/privacy";
import { collectBiz } from "./collect.ts";
import { eraseBiz } from "./erase.ts";
import { BIZ_TABLES } from "./policy.ts";

/**
 * biz's part of data-subject rights (issue 13), run by the `biz-privacy` consumer. Chat history and its
 * replay are read from the database, so erasing the lines there clears both; Redis holds only slow-mode
 * slots that expire within the room's window (seconds), so there is no `purgeOutside`.
 */
export const bizPrivacy = (): SubgraphPrivacy => ({
  subgraph: "biz",
  tables: BIZ_TABLES,
  collect: collectBiz,
  erase: eraseBiz,
});
