import type { SqlExecutor } from "@health/platform/events";
import type { ErasedSubject, ErasedTable } from "@health/platform/privacy";
import { deleted, rememberErasure, tombstoned } from "@health/platform/privacy";
import type { SagaDefinition } from "@health/platform/saga";
import type { ContentTx } from "../db.ts";
import { courseSearchIndex } from "../domain/courses/search.ts";
import { type QuestionBountyData, returnBounty } from "../domain/questions/bountySaga.ts";
import { reindexQuestion } from "../domain/questions/search.ts";
import { rescore } from "../domain/questions/votes.ts";
import { BountyStatus, ModeratedKind } from "../generated/prisma/enums.ts";

/** Why an erased asker's bounty went back (the saga's failure, and finance's bounty_return_requested). */
export const ERASED_ASKER_REASON = "its asker's account was erased";

/** The tables a moderation case's target lives in, by its kind. */
const CASE_TARGETS: Record<ModeratedKind, string> = {
  [ModeratedKind.POST]: "posts",
  [ModeratedKind.COMMENT]: "comments",
  [ModeratedKind.COURSE]: "courses",
  [ModeratedKind.LESSON]: "lessons",
  [ModeratedKind.QUESTION]: "questions",
  [ModeratedKind.ANSWER]: "answers",
};

/**
 * Returns the person's bounties still in flight or in escrow as the bounty's own expiry would: the saga
 * is aborted, its compensations mark it RETURNED or the question REJECTED, and bounty_return_requested
 * asks finance to give the points back to the asker (whom finance keeps under the tombstone id).
 */
async function returnOpenBounties(
  tx: ContentTx,
  bounty: SagaDefinition<QuestionBountyData>,
  userId: string,
  now: Date,
) {
  const open = await tx.question.findMany({
    where: { askerId: userId, bountyStatus: { in: [BountyStatus.REQUESTED, BountyStatus.HELD] } },
    select: { id: true, bountyStatus: true },
    orderBy: { id: "asc" },
  });
  // The saga's compensations only write rows and outbox events; none has work for after the commit.
  const ctx = { tx, now, afterCommit: () => undefined };
  for (const question of open) await returnBounty(bounty, ctx, question, ERASED_ASKER_REASON);
}

/** Questions and answers: their votes, their answers on others' questions, their questions. */
async function eraseQuestionsAndAnswers(tx: ContentTx, userId: string): Promise<ErasedTable[]> {
  const ownQuestions = { askerId: userId };
  const ownAnswers = { authorId: userId, question: { askerId: { not: userId } } };
  const voted = await tx.answerVote.findMany({
    where: { voterId: userId, answer: { authorId: { not: userId }, question: { askerId: { not: userId } } } },
    select: { answerId: true, answer: { select: { questionId: true } } },
  });
  const answered = await tx.answer.findMany({ where: ownAnswers, select: { id: true, questionId: true } });

  const votes = await tx.answerVote.deleteMany({
    where: {
      OR: [{ voterId: userId }, { answer: { authorId: userId } }, { answer: { question: ownQuestions } }],
    },
  });
  for (const { answerId } of voted) await rescore(tx, answerId);
  await tx.question.updateMany({
    where: { acceptedAnswerId: { in: answered.map((answer) => answer.id) } },
    data: { acceptedAnswerId: null },
  });
  const answers = await tx.answer.deleteMany({ where: { OR: [ownAnswers, { question: ownQuestions }] } });
  const questions = await tx.question.deleteMany({ where: ownQuestions });

  // The questions they answered or voted on are searched without their answers, in the new score order.
  const touched = new Set([...answered.map((a) => a.questionId), ...voted.map((v) => v.answer.questionId)]);
  for (const questionId of [...touched].sort()) await reindexQuestion(tx, questionId);
  return [
    deleted("answer_votes", votes.count),
    deleted("answers", answers.count),
    deleted("questions", questions.count),
  ];
}

/** Community: their likes and reports (counts corrected), their comments, their posts. */
async function eraseCommunity(tx: ContentTx, userId: string): Promise<ErasedTable[]> {
  const ownPosts = { authorId: userId };
  const liked = await tx.postLike.findMany({
    where: { userId, post: { authorId: { not: userId } } },
    select: { postId: true },
  });
  if (liked.length > 0) {
    await tx.post.updateMany({
      where: { id: { in: liked.map((like) => like.postId) } },
      data: { likeCount: { decrement: 1 } },
    });
  }
  const reported = await tx.postReport.findMany({
    where: { reporterId: userId, closedAt: null, post: { authorId: { not: userId } } },
    select: { postId: true },
  });
  if (reported.length > 0) {
    await tx.post.updateMany({
      where: { id: { in: reported.map((report) => report.postId) } },
      data: { openReports: { decrement: 1 } },
    });
  }
  const likes = await tx.postLike.deleteMany({ where: { OR: [{ userId }, { post: ownPosts }] } });
  const reports = await tx.postReport.deleteMany({
    where: { OR: [{ reporterId: userId }, { post: ownPosts }] },
  });
  const comments = await tx.comment.deleteMany({ where: { OR: [{ authorId: userId }, { post: ownPosts }] } });
  const posts = await tx.post.deleteMany({ where: ownPosts });
  return [
    deleted("post_likes", likes.count),
    deleted("post_reports", reports.count),
    deleted("comments", comments.count),
    deleted("posts", posts.count),
  ];
}

/**
 * Courses: one nobody bought goes with its lessons; one somebody bought stays for its buyers under the
 * tombstone author, withdrawn from sale, listings and search (nobody new pays an erased author). Their own
 * purchases stay as the seller's and finance's records, under the tombstone.
 */
async function eraseCourses(tx: ContentTx, subject: ErasedSubject, now: Date): Promise<ErasedTable[]> {
  const { userId, tombstoneId } = subject;
  const unsold = { authorId: userId, purchases: { none: {} } };
  const lessons = await tx.lesson.deleteMany({ where: { course: unsold } });
  const courses = await tx.course.deleteMany({ where: unsold });
  const sold = await tx.course.findMany({ where: { authorId: userId }, select: { id: true } });
  for (const { id } of sold) await courseSearchIndex(tx).remove(id);
  const kept = await tx.course.updateMany({
    where: { authorId: userId },
    data: { authorId: tombstoneId, withdrawnAt: now },
  });
  // open_key is `<course>:<buyer>` (openPurchaseKey): the buyer in it is replaced too.
  const purchases = await tx.$executeRawUnsafe(
    `UPDATE course_purchases SET buyer_id = $2::uuid, open_key = replace(open_key, $3, $4)
      WHERE buyer_id = $1::uuid`,
    userId,
    tombstoneId,
    `:${userId}`,
    `:${tombstoneId}`,
  );
  return [
    deleted("lessons", lessons.count),
    deleted("courses", courses.count),
    tombstoned("courses", kept.count),
    tombstoned("course_purchases", purchases),
  ];
}

/** Open cases whose item erasure deleted (a case names its item by kind and id, no foreign key). */
async function closeOrphanedCases(tx: ContentTx): Promise<number> {
  let rows = 0;
  for (const [kind, table] of Object.entries(CASE_TARGETS)) {
    rows += await tx.$executeRawUnsafe(
      `DELETE FROM moderation_cases c WHERE c.kind = $1::"ModeratedKind"
          AND NOT EXISTS (SELECT 1 FROM "${table}" t WHERE t.id = c.target_id)`,
      kind,
    );
  }
  return rows;
}

/**
 * Erases the person from content per `CONTENT_TABLES`, in the consumer's transaction. Idempotent: a
 * second run finds nothing of theirs and counts zeros.
 */
export async function eraseContent(
  raw: SqlExecutor,
  subject: ErasedSubject,
  bounty: SagaDefinition<QuestionBountyData>,
  now = new Date(),
): Promise<ErasedTable[]> {
  // First: it waits for a late event's handler in flight (its shared lock) and turns away those after.
  await rememberErasure(raw, subject.userId);
  const tx = raw as unknown as ContentTx;
  await returnOpenBounties(tx, bounty, subject.userId, now);
  const tables = [
    ...(await eraseQuestionsAndAnswers(tx, subject.userId)),
    ...(await eraseCommunity(tx, subject.userId)),
    ...(await eraseCourses(tx, subject, now)),
  ];
  const words = await tx.moderationWord.updateMany({
    where: { addedBy: subject.userId },
    data: { addedBy: subject.tombstoneId },
  });
  return [
    ...tables,
    tombstoned("moderation_words", words.count),
    deleted("moderation_cases", await closeOrphanedCases(tx)),
  ];
}
