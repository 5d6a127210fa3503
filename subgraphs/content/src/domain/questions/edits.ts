import { type Actor, hasRole } from "@health/platform/auth";
import { conflict, forbidden } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { inSagaTransaction, lockSaga, type SagaDefinition } from "@health/platform/saga";
import type { ContentDb, ContentTx } from "../../db.ts";
import type { Answer, Question } from "../../generated/prisma/client.ts";
import { ModeratedKind, ModerationStatus } from "../../generated/prisma/enums.ts";
import { recordDeletionByAdmin } from "../moderation/adminDeletion.ts";
import { closeCase, closeCases, openCase } from "../moderation/cases.ts";
import { screen } from "../moderation/screen.ts";
import { canDelete, canEditPost, statusOnEdit } from "../posts/rules.ts";
import { answerToAct, lockQuestion } from "./answers.ts";
import { type QuestionBountyData, returnBounty } from "./bountySaga.ts";
import { type UpdateQuestionCommand, validateAnswerBody, validateQuestionChanges } from "./rules.ts";
import { reindexQuestion } from "./search.ts";

// Editing and deleting questions and answers, the shape of posts' (posts/posts.ts): only its author
// edits (screened again by the word list: an edit that trips it holds the item for review, an edit
// never releases a held one; not once REMOVED), its author or an admin deletes (an admin's deletion of
// another's goes to ops's audit log). Search follows in the same transaction.

/** Why an edit is refused to someone who sees the item. */
const editRefusal = (what: string, id: string, moderation: ModerationStatus) =>
  forbidden(
    moderation === ModerationStatus.REMOVED
      ? `${what} ${id} was removed by a moderator and cannot be edited.`
      : `Only the author of ${what.toLowerCase()} ${id} edits it.`,
  );

/** Its asker changes a question's given fields (title, body, tags); the bounty is not touched. */
export async function updateQuestion(
  db: ContentDb,
  actor: Actor,
  id: string,
  input: UpdateQuestionCommand,
): Promise<Question> {
  const questionId = uuidArg(id, "id", "a question id");
  const changes = validateQuestionChanges(input);
  return db.$transaction(async (tx) => {
    const question = await lockQuestion(tx, actor, questionId);
    if (!canEditPost(actor, { authorId: question.askerId, status: question.moderation })) {
      throw editRefusal("Question", question.id, question.moderation);
    }
    const next = { ...question, ...changes };
    const screened = await screen(tx, next.title, next.body, ...next.tags);
    const moderation = statusOnEdit(question.moderation, screened.flagged);
    await tx.question.update({ where: { id: question.id }, data: { ...changes, moderation } });
    if (screened.flagged) await openCase(tx, ModeratedKind.QUESTION, question.id, screened.words);
    await reindexQuestion(tx, question.id);
    return tx.question.findUniqueOrThrow({ where: { id: question.id } });
  });
}

/** The answer `id` and its question, the question's row locked (as answering and reviewing lock it). */
async function answerForUpdate(tx: ContentTx, actor: Actor, id: string) {
  const found = await answerToAct(tx, actor, id);
  const question = await lockQuestion(tx, actor, found.question.id);
  const answer = await tx.answer.findUniqueOrThrow({ where: { id: found.answer.id } });
  return { answer, question };
}

/** Its author changes an answer's body; the question's search text follows. */
export async function updateAnswer(db: ContentDb, actor: Actor, id: string, body: string): Promise<Answer> {
  const text = validateAnswerBody(body);
  return db.$transaction(async (tx) => {
    const { answer, question } = await answerForUpdate(tx, actor, id);
    if (!canEditPost(actor, { authorId: answer.authorId, status: answer.moderation })) {
      throw editRefusal("Answer", answer.id, answer.moderation);
    }
    const screened = await screen(tx, text);
    const moderation = statusOnEdit(answer.moderation, screened.flagged);
    const updated = await tx.answer.update({ where: { id: answer.id }, data: { body: text, moderation } });
    if (screened.flagged) await openCase(tx, ModeratedKind.ANSWER, answer.id, screened.words);
    await reindexQuestion(tx, question.id);
    return updated;
  });
}

/** Why a bounty went back when its question was deleted (finance's bounty_return_requested). */
export const QUESTION_DELETED_REASON = "its question was deleted";

/**
 * Deletes a question with its answers and their votes (its asker or an admin). A bounty still being held
 * or in escrow goes back to the asker by the saga's own compensation, as at its expiry. Its asker cannot
 * delete it once an answer was accepted (the answer's author was awarded for it; CONFLICT); an admin can.
 */
export async function deleteQuestion(
  effects: { db: ContentDb; questionBounty: SagaDefinition<QuestionBountyData> },
  actor: Actor,
  id: string,
  now: Date,
): Promise<string> {
  const questionId = uuidArg(id, "id", "a question id");
  return inSagaTransaction(effects.db, now, async (tx, ctx) => {
    // The bounty's saga row before the question's, in the order acceptAnswer and the expiry sweep take them.
    await lockSaga(tx, effects.questionBounty.name, questionId);
    const question = await lockQuestion(tx, actor, questionId);
    if (!canDelete(actor, { authorId: question.askerId })) {
      throw forbidden(`Only the asker of question ${question.id} or an admin deletes it.`);
    }
    if (question.acceptedAnswerId !== null && !hasRole(actor, "admin")) {
      throw conflict(
        "An answer to this question was accepted (and awarded any bounty): the question stays. Edit it instead.",
      );
    }
    await returnBounty(effects.questionBounty, ctx, question, QUESTION_DELETED_REASON);
    const answers = await tx.answer.findMany({ where: { questionId: question.id }, select: { id: true } });
    await closeCases(tx, ModeratedKind.ANSWER, answers);
    await closeCase(tx, ModeratedKind.QUESTION, question.id);
    // Cascades to its answers and their votes; the search vector goes with the row.
    await tx.question.delete({ where: { id: question.id } });
    await recordDeletionByAdmin(tx, actor, { kind: "Question", id: question.id, authorId: question.askerId });
    return question.id;
  });
}

/**
 * Deletes an answer with its votes (its author or an admin); the question's search text no longer holds
 * it. The accepted answer cannot be deleted (CONFLICT): the asker chose it and any bounty was paid for it.
 */
export async function deleteAnswer(db: ContentDb, actor: Actor, id: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const { answer, question } = await answerForUpdate(tx, actor, id);
    if (!canDelete(actor, answer))
      throw forbidden(`Only the author of answer ${answer.id} or an admin deletes it.`);
    if (question.acceptedAnswerId === answer.id) {
      throw conflict(
        "This answer was accepted by the asker (and awarded any bounty): it stays with the question.",
      );
    }
    await closeCase(tx, ModeratedKind.ANSWER, answer.id);
    await tx.answer.delete({ where: { id: answer.id } });
    await reindexQuestion(tx, question.id);
    await recordDeletionByAdmin(tx, actor, { kind: "Answer", id: answer.id, authorId: answer.authorId });
    return answer.id;
  });
}
