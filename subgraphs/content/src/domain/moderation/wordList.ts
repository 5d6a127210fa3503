import { contentAdminActionRecordedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { badInput, notFound } from "@health/platform/errors";
import { publishAdminAction } from "@health/platform/events";
import type { ContentDb, ContentTx } from "../../db.ts";
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
  return db.$transaction(async (tx) => {
    const row = await tx.moderationWord.upsert({
      where: { word: normalized },
      create: { word: normalized, addedBy: actor.userId },
      update: {},
    });
    await auditWordChange(tx, actor, "add_moderation_word", normalized);
    return row;
  });
}

/** Removes a listed word; NOT_FOUND when it is not listed. */
export async function removeWord(db: ContentDb, actor: Actor, word: string) {
  const normalized = wordArg(word);
  return db.$transaction(async (tx) => {
    const { count } = await tx.moderationWord.deleteMany({ where: { word: normalized } });
    if (count === 0) throw notFound("ModerationWord", normalized);
    await auditWordChange(tx, actor, "remove_moderation_word", normalized);
    return normalized;
  });
}

/** ops's audit log (M18): a change of the word list, committed with it. */
const auditWordChange = (tx: ContentTx, actor: Actor, action: string, word: string) =>
  publishAdminAction(tx, contentAdminActionRecordedV1, actor, {
    action,
    subjectType: "ModerationWord",
    subjectId: word,
    details: { word },
  });
