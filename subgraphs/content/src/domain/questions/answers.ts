import { type Actor, hasRole } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { isUuid, uuidArg } from "@health/platform/graphql";
import { inSagaTransaction, lockSaga, resumeSaga, type SagaDefinition } from "@health/platform/saga";
import type { ContentDb, ContentTx } from "../../db.ts";
import { publishQuestionAnswered } from "../../events/questionEvents.ts";
import type { Answer } from "../../generated/prisma/client.ts";
import { ModeratedKind, ModerationStatus, QuestionStatus } from "../../generated/prisma/enums.ts";
import { openCase } from "../moderation/cases.ts";
import { screen } from "../moderation/screen.ts";
import { statusOnCreate } from "../posts/rules.ts";
import type { QuestionBountyData } from "./bountySaga.ts";
import type { QuestionRow } from "./questions.ts";
import {
  assertAnswerable,
  assertMayAccept,
  canViewAnswer,
  canViewQuestion,
  orderAnswers,
  validateAnswerBody,
} from "./rules.ts";
import { reindexQuestion } from "./search.ts";

export type AnswerRow = Answer;

/** The question `id` locked for the rest of `tx`, for a caller who may see it; NOT_FOUND otherwise. */
export async function lockQuestion(tx: ContentTx, actor: Actor, id: string): Promise<QuestionRow> {
  await tx.$queryRawUnsafe(`SELECT 1 FROM questions WHERE id = $1::uuid FOR UPDATE`, id);
  const question = await tx.question.findUnique({ where: { id } });
  if (!question || !canViewQuestion(actor, question)) throw notFound("Question", id);
  return question;
}

/** The answer `id` and its question, for a caller who may see both; NOT_FOUND otherwise. */
export async function answerToAct(tx: ContentTx, actor: Actor, id: string) {
  const answerId = uuidArg(id, "answerId", "an answer id");
  const answer = await tx.answer.findUnique({ where: { id: answerId } });
  if (!answer || !canViewAnswer(actor, answer)) throw notFound("Answer", answerId);
  const question = await tx.question.findUnique({ where: { id: answer.questionId } });
  if (!question || !canViewQuestion(actor, question)) throw notFound("Answer", answerId);
  return { answer, question };
}

/**
 * An answer to a listed question, screened by the word list, with the question's search text rewritten,
 * in one transaction. A clean answer is published with question_answered in the outbox; a flagged one is
 * held PENDING_REVIEW and queued, and question_answered waits for an admin's KEEP (questionReview.ts),
 * so a hidden answer never reaches feeds.
 */
export async function answerQuestion(
  db: ContentDb,
  actor: Actor,
  input: { questionId: string; body: string },
  now: Date,
): Promise<AnswerRow> {
  const questionId = uuidArg(input.questionId, "questionId", "a question id");
  const body = validateAnswerBody(input.body);
  return db.$transaction(async (tx) => {
    const question = await lockQuestion(tx, actor, questionId);
    assertAnswerable(question);
    const screened = await screen(tx, body);
    const answer = await tx.answer.create({
      data: {
        questionId,
        authorId: actor.userId,
        body,
        moderation: statusOnCreate(screened.flagged),
        createdAt: now,
      },
    });
    if (screened.flagged) await openCase(tx, ModeratedKind.ANSWER, answer.id, screened.words);
    else await publishQuestionAnswered(tx, { ...answer, askerId: question.askerId }, now);
    await reindexQuestion(tx, questionId);
    return answer;
  });
}

/**
 * The asker accepts an answer (rules.ts: once, their own OPEN question, not their own answer): the
 * question is ANSWERED, and a bounty finance holds is awarded to the answer's author (the saga's award
 * step → bounty_payout_requested). Under the question's row lock, and the saga's: a bounty that expired
 * a moment before is not paid (it went back to the asker), but the answer is accepted all the same.
 */
export async function acceptAnswer(
  effects: { db: ContentDb; questionBounty: SagaDefinition<QuestionBountyData> },
  actor: Actor,
  answerId: string,
  now: Date,
): Promise<QuestionRow> {
  return inSagaTransaction(effects.db, now, async (tx, ctx) => {
    const found = await answerToAct(tx, actor, answerId);
    // The bounty's saga row before the question's, in the order its expiry sweep takes them.
    await lockSaga(tx, effects.questionBounty.name, found.question.id);
    const question = await lockQuestion(tx, actor, found.question.id);
    assertMayAccept(actor, question, found.answer);
    await tx.question.update({
      where: { id: question.id },
      data: { status: QuestionStatus.ANSWERED, acceptedAnswerId: found.answer.id },
    });
    if (question.bountyPoints !== null) {
      await resumeSaga(effects.questionBounty, ctx, question.id, {
        step: "award",
        ok: true,
        data: { answerId: found.answer.id, answererId: found.answer.authorId },
      });
    }
    await reindexQuestion(tx, question.id);
    return tx.question.findUniqueOrThrow({ where: { id: question.id } });
  });
}

/**
 * Answers of questions as `actor` sees them (published ones, plus their own held or removed ones; all of
 * them for an admin), each question's in display order (accepted first, then by score).
 */
export async function answersOfQuestions(
  db: ContentDb,
  actor: Actor | null,
  questions: readonly { id: string; acceptedAnswerId: string | null }[],
): Promise<AnswerRow[][]> {
  const ids = questions.map((question) => question.id);
  const visible = hasRole(actor, "admin")
    ? {}
    : { OR: [{ moderation: ModerationStatus.PUBLISHED }, ...(actor ? [{ authorId: actor.userId }] : [])] };
  const rows =
    ids.length > 0
      ? await db.answer.findMany({ where: { AND: [{ questionId: { in: ids } }, visible] } })
      : [];
  return questions.map((question) =>
    orderAnswers(
      rows.filter((row) => row.questionId === question.id),
      question.acceptedAnswerId,
    ),
  );
}

/** Answers by id for the moderation queue's loader, in the order asked (null where none). */
export async function answersByIds(db: ContentDb, ids: readonly string[]): Promise<(AnswerRow | null)[]> {
  const rows = await db.answer.findMany({ where: { id: { in: ids.filter(isUuid) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}
