import type { Actor } from "@health/platform/auth";
import { badInput, notFound } from "@health/platform/errors";
import type { ContentDb } from "../../db.ts";
import { MAX_WORD_LENGTH, normalizeText } from "./wordMatch.ts";

// The word list admins maintain (the resolvers gate it to admins). A word added now screens what is
// written from now on; what was published before is not screened again.

/** A listed word: stored normalised (full-width folded, lowercased, trimmed). */
export function wordArg(word: string, field = "word"): string {
  const normalized = normalizeText(word);
  if (normalized.length === 0 || normalized.length > MAX_WORD_LENGTH) {
    throw badInput(field, `${field} must be 1–${MAX_WORD_LENGTH} characters (not only spaces).`);
  }
  return normalized;
}

export const listWords = (db: ContentDb) => db.moderationWord.findMany({ orderBy: { word: "asc" } });

/** Adds a word; adding one already listed changes nothing. */
export async function addWord(db: ContentDb, actor: Actor, word: string) {
  const normalized = wordArg(word);
  return db.moderationWord.upsert({
    where: { word: normalized },
    create: { word: normalized, addedBy: actor.userId },
    update: {},
  });
}

/** Removes a listed word; NOT_FOUND when it is not listed. */
export async function removeWord(db: ContentDb, word: string) {
  const normalized = wordArg(word);
  const { count } = await db.moderationWord.deleteMany({ where: { word: normalized } });
  if (count === 0) throw notFound("ModerationWord", normalized);
  return normalized;
}
