import type { Page } from "../pagination/cursor.ts";
import type { Snippet } from "./highlight.ts";
import {
  encodeSearchCursor,
  type SearchCursor,
  type SearchIndex,
  type SearchOptions,
} from "./searchIndex.ts";

/** A search hit joined with the domain's row for it. */
export interface SearchRowHit<T> {
  row: T;
  score: number;
  snippets: Record<string, Snippet | null>;
}

/**
 * Searches `index` and loads the rows of the hits through `rowsByIds` (in the order asked, null where
 * none: a row deleted since is dropped). The page's cursor stays the index's.
 */
export async function searchRows<T>(
  index: SearchIndex,
  query: string,
  options: SearchOptions,
  rowsByIds: (ids: readonly string[]) => Promise<ReadonlyArray<T | null>>,
): Promise<Page<SearchRowHit<T>>> {
  const page = await index.search(query, options);
  const rows = await rowsByIds(page.hits.map((hit) => hit.id));
  const nodes = page.hits.flatMap((hit, i) => {
    const row = rows[i];
    return row ? [{ row, score: hit.score, snippets: hit.snippets }] : [];
  });
  return { nodes, endCursor: page.endCursor, hasNextPage: page.hasNextPage };
}

const byRelevance = (a: SearchCursor, b: SearchCursor) =>
  b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * One relevance-ordered page out of the pages of several indexes searched with the same query, size and
 * cursor: every index orders by (score, id) descending and reads the same cursor, so the best `first` of
 * their pages are the merged list's next `first`. `keyOf` gives a node's score and id.
 */
export function mergeSearchPages<T>(
  pages: ReadonlyArray<Page<T>>,
  first: number,
  keyOf: (node: T) => SearchCursor,
): Page<T> {
  const all = pages.flatMap((page) => page.nodes).sort((a, b) => byRelevance(keyOf(a), keyOf(b)));
  const nodes = all.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    hasNextPage: all.length > first || pages.some((page) => page.hasNextPage),
    endCursor: last ? encodeSearchCursor(keyOf(last)) : null,
  };
}
