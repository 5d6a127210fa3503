import type { ContentTx } from "../../db.ts";
import { matchWords } from "./wordMatch.ts";

/** What screening found: `flagged` when any listed word occurs; `words` are those words (normalised). */
export interface ScreenResult {
  flagged: boolean;
  words: string[];
}

/** Anything that reads the word list: the client or a transaction client. */
export type WordListReader = Pick<ContentTx, "moderationWord">;

/**
 * Screens user text against the moderation word list admins maintain (case-insensitive; CJK words match
 * inside a sentence). Every content feature calls this before it publishes text: flagged text is saved
 * but held PENDING_REVIEW (see `openCase` in ./cases.ts). Pass the transaction that writes the text.
 */
export async function screen(
  db: WordListReader,
  ...texts: Array<string | null | undefined>
): Promise<ScreenResult> {
  const rows = await db.moderationWord.findMany({ select: { word: true }, orderBy: { word: "asc" } });
  const words = matchWords(
    rows.map((row) => row.word),
    texts,
  );
  return { flagged: words.length > 0, words };
}
