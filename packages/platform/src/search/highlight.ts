import { cjkBigrams, normalizeWord, textPieces } from "./terms.ts";

/** Where a match is in a snippet's `text`: `[start, end)` in UTF-16 code units (JavaScript string indexes). */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * A piece of a document around what matched, and where the matches are. Offsets rather than `<mark>` in
 * the text: the client marks them up however it draws, and a document holding `<script>` needs no escaping.
 */
export interface Snippet {
  text: string;
  matches: TextRange[];
}

export interface SnippetOptions {
  /** The longest snippet, in UTF-16 code units, before the `…` added at a cut end. Default 160. */
  maxLength?: number;
  /** Characters kept before the first match of the chosen window. Default 24. */
  context?: number;
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * The snippet of `text` for `query` (Postgres's `ts_headline` cannot be used: it sees the original text,
 * not the segmented terms). Words match after the same normalisation as indexing; a CJK part of the query
 * matches where it occurs whole, or else where its character pairs do. Null for an empty text.
 */
export function snippetOf(text: string | null | undefined, query: string, options: SnippetOptions = {}) {
  if (!text) return null;
  const matches = findMatches(text, query);
  return cutWindow(text, matches, options.maxLength ?? 160, options.context ?? 24);
}

/** Every match of `query` in `text`, sorted and merged where they overlap. */
export function findMatches(text: string, query: string): TextRange[] {
  const pieces = textPieces(query);
  const words = new Set(pieces.filter((piece) => piece.kind === "word").map((piece) => piece.text));
  const runs = pieces.filter((piece) => piece.kind === "cjk").map((piece) => piece.text);
  const found: TextRange[] = [];
  let last = 0;
  for (const run of text.matchAll(CJK_RUN)) {
    wordMatches(text, last, run.index, words, found);
    cjkMatches(run[0], run.index, runs, found);
    last = run.index + run[0].length;
  }
  wordMatches(text, last, text.length, words, found);
  return merge(found);
}

function wordMatches(text: string, from: number, to: number, words: Set<string>, found: TextRange[]) {
  if (words.size === 0 || from >= to) return;
  for (const word of text.slice(from, to).matchAll(WORD)) {
    if (words.has(normalizeWord(word[0].normalize("NFKC").toLowerCase()))) {
      found.push({ start: from + word.index, end: from + word.index + word[0].length });
    }
  }
}

function cjkMatches(run: string, offset: number, queryRuns: string[], found: TextRange[]) {
  for (const queryRun of queryRuns) {
    const whole = occurrences(run, queryRun);
    const parts = whole.length > 0 ? whole : cjkBigrams(queryRun).flatMap((pair) => occurrences(run, pair));
    for (const part of parts) found.push({ start: offset + part.start, end: offset + part.end });
  }
}

function occurrences(haystack: string, needle: string): TextRange[] {
  const ranges: TextRange[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    ranges.push({ start: at, end: at + needle.length });
  }
  return ranges;
}

function merge(ranges: TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const range of sorted) {
    const previous = merged.at(-1);
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** The window of `maxLength` holding the most matches (the earliest such), with `…` where it was cut. */
function cutWindow(text: string, matches: TextRange[], maxLength: number, context: number): Snippet {
  if (text.length <= maxLength) return { text, matches };
  let best = { start: 0, count: -1 };
  for (const anchor of matches) {
    const start = Math.max(0, anchor.start - context);
    const count = matches.filter((m) => m.start >= start && m.end <= start + maxLength).length;
    if (count > best.count) best = { start, count };
  }
  const start = avoidSplitPair(text, best.start);
  const end = avoidSplitPair(text, Math.min(text.length, start + maxLength));
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  return {
    text: `${prefix}${text.slice(start, end)}${suffix}`,
    matches: matches
      .filter((m) => m.start >= start && m.end <= end)
      .map((m) => ({ start: m.start - start + prefix.length, end: m.end - start + prefix.length })),
  };
}

/** Moves `index` back off the second half of a surrogate pair, so no character is cut in two. */
function avoidSplitPair(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && index < text.length && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}
