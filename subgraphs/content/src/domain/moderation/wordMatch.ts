// The pure rules of the moderation word list: how a listed word is normalised and where it matches.
// Chinese (and Japanese, Korean) is written without spaces, so a CJK word matches anywhere inside a
// sentence; a Latin-like word matches only as a whole word ("ass" is not in "class"), unless what
// touches it is CJK ("买drugs吗" holds "drugs").

export const MAX_WORD_LENGTH = 50;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Full-width forms folded (ＡＢＣ → abc), lowercased, trimmed, inner whitespace collapsed. */
export const normalizeText = (text: string): string =>
  text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();

/** A letter, digit or mark of a script written with spaces between words. */
const isSpacedWordChar = (char: string | undefined): boolean =>
  char !== undefined && WORD_CHAR.test(char) && !CJK.test(char);

/** Whether `word` (normalised) occurs in `text` (normalised) as the rules above say. */
export function containsWord(text: string, word: string): boolean {
  if (word.length === 0) return false;
  const first = word[0];
  const last = word.at(-1);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    const startsClean = !(isSpacedWordChar(first) && isSpacedWordChar(before));
    const endsClean = !(isSpacedWordChar(last) && isSpacedWordChar(after));
    if (startsClean && endsClean) return true;
  }
  return false;
}

/** The listed words (normalised) found in any of `texts`, each once, in the list's order. */
export function matchWords(
  words: readonly string[],
  texts: ReadonlyArray<string | null | undefined>,
): string[] {
  const normalized = texts.filter((text): text is string => !!text).map(normalizeText);
  return words.filter((word) => normalized.some((text) => containsWord(text, word)));
}
