import type { SqlExecutor } from "@health/platform/events";
import { postgresSearchIndex, type SearchIndex } from "@health/platform/search";
import type { ContentTx } from "../../db.ts";
import { ModerationStatus } from "../../generated/prisma/enums.ts";

/**
 * Posts' full-text index: title (weight A) and body (B) into `posts.search_vector`. Only a PUBLISHED post
 * has a vector, so a hidden, removed or deleted post is unfindable the moment its transaction commits.
 */
export const postSearchIndex = (client: SqlExecutor): SearchIndex =>
  postgresSearchIndex(client, {
    table: "posts",
    vector: "search_vector",
    fields: {
      title: { column: "title", weight: "A" },
      body: { column: "body", weight: "B" },
    },
    filters: { status: "status" },
  });

/** Indexes a post as it now is (published) or takes it out of the index (anything else), in `tx`. */
export async function reindexPost(
  tx: ContentTx,
  post: { id: string; title: string; body: string; status: ModerationStatus },
): Promise<void> {
  const index = postSearchIndex(tx);
  if (post.status === ModerationStatus.PUBLISHED) {
    await index.index({ id: post.id, fields: { title: post.title, body: post.body } });
  } else {
    await index.remove(post.id);
  }
}
