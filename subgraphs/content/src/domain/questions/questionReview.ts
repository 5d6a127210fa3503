import type { ContentTx } from "../../db.ts";
import { publishQuestionAnswered } from "../../events/questionEvents.ts";
import { ModerationStatus } from "../../generated/prisma/enums.ts";
import { reindexQuestion } from "./search.ts";

// An admin's decision on a question or an answer the word list held (moderation/review.ts calls these in
// the transaction that deletes the case). Only `moderation` changes: a question's bounty saga goes on as
// it would. A held bounty on a question under review stays held; on a REMOVED question it runs to its
// expiry and returns to the asker, as no answer can be accepted there (rules.ts, assertMayAccept).

/** PUBLISHED lists and indexes the question (when its bounty lets it be public); REMOVED hides it for good. */
export async function reviewQuestion(
  tx: ContentTx,
  questionId: string,
  moderation: ModerationStatus,
  removalReason: string | null,
): Promise<void> {
  await tx.question.update({ where: { id: questionId }, data: { moderation, removalReason } });
  await reindexQuestion(tx, questionId);
}

/**
 * PUBLISHED shows the answer to everyone who sees its question and writes the question_answered it was
 * held back from; REMOVED hides it for good. Under the question's row lock, as answering is, so the
 * question's search text is rewritten from every published answer.
 */
export async function reviewAnswer(
  tx: ContentTx,
  answerId: string,
  moderation: ModerationStatus,
  removalReason: string | null,
  now: Date,
): Promise<void> {
  const held = await tx.answer.findUniqueOrThrow({ where: { id: answerId } });
  await tx.$queryRawUnsafe(`SELECT 1 FROM questions WHERE id = $1::uuid FOR UPDATE`, held.questionId);
  const { count } = await tx.answer.updateMany({
    where: { id: answerId, moderation: ModerationStatus.PENDING_REVIEW },
    data: { moderation, removalReason },
  });
  if (count === 1 && moderation === ModerationStatus.PUBLISHED) {
    const question = await tx.question.findUniqueOrThrow({ where: { id: held.questionId } });
    await publishQuestionAnswered(tx, { ...held, askerId: question.askerId }, now);
  }
  await reindexQuestion(tx, held.questionId);
}
