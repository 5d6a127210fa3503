export type { Snippet, SnippetOptions, TextRange } from "./highlight.ts";
export { findMatches, snippetOf } from "./highlight.ts";
export type { PostgresSearchTable, SearchField } from "./postgresSearchIndex.ts";
export { postgresSearchIndex } from "./postgresSearchIndex.ts";
export type { SearchQuery } from "./query.ts";
export { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery, toSearchText } from "./query.ts";
export type {
  SearchCursor,
  SearchDocument,
  SearchHit,
  SearchIndex,
  SearchOptions,
  SearchPage,
} from "./searchIndex.ts";
export { decodeSearchCursor, encodeSearchCursor } from "./searchIndex.ts";
export type { SearchRowHit } from "./searchRows.ts";
export { mergeSearchPages, searchRows } from "./searchRows.ts";
export type { TextPiece } from "./terms.ts";
export { cjkBigrams, cjkWords, documentTerms, normalizeWord, queryTerms, textPieces } from "./terms.ts";
