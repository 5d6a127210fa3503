import { badInput } from "../errors/appError.ts";
import type { Snippet } from "./highlight.ts";

/** What is searchable of one thing: its id and its text fields by name (`{ name, description }`). */
export interface SearchDocument {
  id: string;
  fields: Record<string, string | null | undefined>;
}

export interface SearchOptions {
  /** The page size, already checked against the caller's limits. */
  first: number;
  /** A `SearchPage.endCursor` from the same query. */
  after?: string | null;
  /** Equality filters by name, as the index was configured (`{ categoryId, status }`); null/undefined: none. */
  filter?: Record<string, string | null | undefined>;
  /** The argument the query came from, named by BAD_USER_INPUT. Default `search`. */
  queryField?: string;
  /** The argument the cursor came from. Default `after`. */
  cursorField?: string;
}

/** One match: the document's id, its relevance (higher is better) and a snippet per text field. */
export interface SearchHit {
  id: string;
  score: number;
  snippets: Record<string, Snippet | null>;
}

/** A page of matches, most relevant first. */
export interface SearchPage {
  hits: SearchHit[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * Full-text search over one kind of document. Postgres implements it (`postgresSearchIndex`); an
 * OpenSearch or Elasticsearch cluster can implement the same three methods (see README.md beside this).
 */
export interface SearchIndex {
  /** Makes `doc` findable by its current text (again, if it was indexed before). */
  index(doc: SearchDocument): Promise<void>;
  /** Makes the document with `id` unfindable. */
  remove(id: string): Promise<void>;
  /** Documents needing every term of `query`, most relevant first; a blank query is BAD_USER_INPUT. */
  search(query: string, options: SearchOptions): Promise<SearchPage>;
}

/** A position in a relevance-ordered list: the last hit's score and id. */
export interface SearchCursor {
  score: number;
  id: string;
}

/** Opaque to clients: base64url of `search|<score>|<id>`. */
export const encodeSearchCursor = ({ score, id }: SearchCursor): string =>
  Buffer.from(`search|${score}|${id}`, "utf8").toString("base64url");

/** Reads a cursor `search` returned; anything else (a cursor of a list in another order, too) is BAD_USER_INPUT. */
export function decodeSearchCursor(cursor: string, field: string): SearchCursor {
  const [tag, score, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const value = Number(score);
  if (tag !== "search" || !id || rest.length > 0 || score === "" || !Number.isFinite(value)) {
    throw badInput(
      field,
      `${field} is not a cursor of this search; pass pageInfo.endCursor of the same search unchanged.`,
    );
  }
  return { score: value, id };
}
