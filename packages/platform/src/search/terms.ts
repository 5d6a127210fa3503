// Text → search terms, shared by what is indexed and what is asked, so both sides agree by construction.
// Chinese (and Japanese, Korean) is written without spaces: a run of such characters is split into words
// by `Intl.Segmenter` (ICU's dictionary) and also into overlapping character pairs, because the segmenter
// may cut a document's 降血压 as 降|血压 and a query's 血压 otherwise; pairs match whichever way it cut.

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** A piece of text as searching sees it: a run of CJK characters, or a Latin-like word. */
export type TextPiece = { kind: "cjk"; text: string } | { kind: "word"; text: string };

/** Lowercases, folds full-width forms (ＡＢＣ, １２３) and splits into CJK runs and words, in order. */
export function textPieces(text: string): TextPiece[] {
  const normalized = text.normalize("NFKC").toLowerCase();
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of normalized.matchAll(CJK_RUN)) {
    pushWords(normalized.slice(last, match.index), pieces);
    pieces.push({ kind: "cjk", text: match[0] });
    last = match.index + match[0].length;
  }
  pushWords(normalized.slice(last), pieces);
  return pieces;
}

function pushWords(text: string, pieces: TextPiece[]): void {
  // Everything but letters, digits and marks separates words: "blood-pressure" is blood + pressure.
  for (const match of text.matchAll(WORD)) pieces.push({ kind: "word", text: normalizeWord(match[0]) });
}

/**
 * A light English normalisation (no stemming dictionary, nothing language-specific beyond plurals):
 * basics → basic, diaries → diary, glasses → glass; "us", "is" and "ss" endings are kept (virus, analysis).
 */
export function normalizeWord(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word) || !word.endsWith("s")) return word;
  return word.slice(0, -1);
}

/** The segmenter's words of a CJK run. */
export const cjkWords = (run: string): string[] =>
  [...segmenter.segment(run)].filter((part) => part.isWordLike).map((part) => part.segment);

/** Every pair of neighbouring characters of a CJK run (by code point); a one-character run is itself. */
export function cjkBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((char, i) => `${chars[i]}${char}`);
}

/**
 * The terms a document is indexed under, in text order: each word; for a CJK run, at each character the
 * character itself, the pair starting there and the segmenter's word starting there, so terms near each
 * other in the text stay near each other (ranking rewards closeness).
 */
export function documentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const piece of textPieces(text)) {
    if (piece.kind === "word") {
      terms.push(piece.text);
      continue;
    }
    const chars = [...piece.text];
    const wordsAt = new Map<number, string>();
    let offset = 0;
    for (const word of cjkWords(piece.text)) {
      const length = [...word].length;
      // Two-character words are already pairs; longer ones (高血压) are added as themselves.
      if (length > 2) wordsAt.set(offset, word);
      offset += length;
    }
    chars.forEach((char, i) => {
      terms.push(char);
      if (i + 1 < chars.length) terms.push(`${char}${chars[i + 1]}`);
      const word = wordsAt.get(i);
      if (word) terms.push(word);
    });
  }
  return terms;
}

/**
 * The terms a query needs, all of them (AND): each word, and for a CJK run its character pairs (a lone
 * character is itself). A document holding the run holds every pair, whatever its segmentation.
 */
export function queryTerms(query: string): string[] {
  const terms = textPieces(query).flatMap((piece) =>
    piece.kind === "word" ? [piece.text] : cjkBigrams(piece.text),
  );
  return [...new Set(terms)];
}
