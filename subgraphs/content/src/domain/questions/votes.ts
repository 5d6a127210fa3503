import type { Actor } from "@health/platform/auth";
import type { ContentDb, ContentTx } from "../../db.ts";
import { type AnswerRow, answerToAct } from "./answers.ts";
import { assertMayVote, type VoteDirection, voteValue } from "./rules.ts";

/**
 * The answer's score as the sum of its votes, under the answer's row lock: two votes at once on one
 * answer are applied one after the other, and the score always equals its votes.
 */
export async function rescore(tx: ContentTx, answerId: string): Promise<AnswerRow> {
  await tx.$executeRawUnsafe(
    `UPDATE answers SET score = (SELECT COALESCE(SUM(value), 0) FROM answer_votes WHERE answer_id = $1::uuid),
            updated_at = now()
      WHERE id = $1::uuid`,
    answerId,
  );
  return tx.answer.findUniqueOrThrow({ where: { id: answerId } });
}

const lockAnswer = (tx: ContentTx, answerId: string) =>
  tx.$queryRawUnsafe(`SELECT 1 FROM answers WHERE id = $1::uuid FOR UPDATE`, answerId);

/** The caller's vote on an answer, UP or DOWN; voting again replaces their vote (one per user). */
export async function voteAnswer(
  db: ContentDb,
  actor: Actor,
  id: string,
  vote: VoteDirection,
): Promise<AnswerRow> {
  return db.$transaction(async (tx) => {
    const { answer, question } = await answerToAct(tx, actor, id);
    assertMayVote(actor, answer, question);
    await lockAnswer(tx, answer.id);
    const value = voteValue(vote);
    await tx.answerVote.upsert({
      where: { answerId_voterId: { answerId: answer.id, voterId: actor.userId } },
      create: { answerId: answer.id, voterId: actor.userId, value },
      update: { value },
    });
    return rescore(tx, answer.id);
  });
}

/** Takes the caller's vote off an answer; without one, nothing changes. */
export async function clearVote(db: ContentDb, actor: Actor, id: string): Promise<AnswerRow> {
  return db.$transaction(async (tx) => {
    const { answer } = await answerToAct(tx, actor, id);
    await lockAnswer(tx, answer.id);
    await tx.answerVote.deleteMany({ where: { answerId: answer.id, voterId: actor.userId } });
    return rescore(tx, answer.id);
  });
}

/** The caller's vote on each of `answerIds` (+1, -1, or null), for `Answer.myVote`. */
export async function votesOf(
  db: ContentDb,
  voterId: string,
  answerIds: readonly string[],
): Promise<(number | null)[]> {
  const rows = await db.answerVote.findMany({
    where: { voterId, answerId: { in: [...answerIds] } },
    select: { answerId: true, value: true },
  });
  const byAnswer = new Map(rows.map((row) => [row.answerId, row.value]));
  return answerIds.map((id) => byAnswer.get(id) ?? null);
}
