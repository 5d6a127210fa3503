import type { SubgraphPrivacy } from "@health/platform/privacy";
import type { ContentDeps } from "../deps.ts";
import { collectContent } from "./collect.ts";
import { eraseContent } from "./erase.ts";
import { CONTENT_TABLES } from "./policy.ts";

/**
 * content's answer to data-subject rights (PIPL Art. 45–47): posts, comments, questions, answers, likes,
 * votes, courses and purchases. Its search index is the tables' own tsvector columns, and it caches
 * nothing about a person in Redis, so there is nothing outside the database to purge.
 */
export const contentPrivacy = (deps: Pick<ContentDeps, "questionBounty">): SubgraphPrivacy => ({
  subgraph: "content",
  tables: CONTENT_TABLES,
  collect: collectContent,
  erase: (tx, subject) => eraseContent(tx, subject, deps.questionBounty),
});
