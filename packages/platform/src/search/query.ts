import { badInput } from "../errors/appError.ts";
import { documentTerms, queryTerms } from "./terms.ts";

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** The most terms a query may need; more would make a slow query out of a pasted paragraph. */
export const MAX_QUERY_TERMS = 32;

/** A user's query, checked and turned into terms (`terms`) and a Postgres `tsquery` literal (`tsquery`). */
export interface SearchQuery {
  text: string;
  terms: string[];
  tsquery: string;
}

/**
 * The text stored through `to_tsvector('simple', …)`: the document's terms separated by spaces. The
 * `simple` configuration only lowercases, so Postgres applies no English stemming that would mangle
 * Chinese, and each term here (letters, digits and marks only) is one lexeme there, in the same order.
 */
export const toSearchText = (text: string | null | undefined): string => documentTerms(text ?? "").join(" ");

/** A lexeme as a quoted `tsquery` operand: taken literally, with no parsing or dictionary. */
const quoted = (term: string): string => `'${term.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;

/**
 * A user's query as a `tsquery` needing every term (`'blood' & 'pressure'`, `'高血' & '血压'`), cast with
 * `CAST($1 AS tsquery)`. A query with nothing to search for, or too long, is BAD_USER_INPUT on `field`.
 */
export function parseSearchQuery(text: string, field = "search"): SearchQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    throw badInput(field, `${field} must be at most ${MAX_QUERY_LENGTH} characters.`);
  }
  const terms = queryTerms(text);
  if (terms.length === 0) {
    throw badInput(field, `${field} must contain a word or a character to search for.`);
  }
  if (terms.length > MAX_QUERY_TERMS) {
    throw badInput(field, `${field} has too many words; use at most ${MAX_QUERY_TERMS}.`);
  }
  return { text: text.trim(), terms, tsquery: terms.map(quoted).join(" & ") };
}
