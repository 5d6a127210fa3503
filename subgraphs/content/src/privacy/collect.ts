import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";
import type { ContentTx } from "../db.ts";

const byCreation = { createdAt: "asc" } as const;

/**
 * Everything content holds about `userId`: what they wrote (posts, comments, questions, answers, courses
 * with their lessons), what they gave (likes, votes, reports, words added to the moderation list), what
 * they bought, what their courses sold (no buyer named), and the bounties they offered or won. Read one
 * after another: they share the consumer's transaction (one connection, one snapshot).
 */
export async function collectContent(raw: SqlExecutor, userId: string): Promise<ExportSections> {
  const tx = raw as unknown as ContentTx;
  const posts = await tx.post.findMany({ where: { authorId: userId }, orderBy: byCreation });
  const comments = await tx.comment.findMany({ where: { authorId: userId }, orderBy: byCreation });
  const likes = await tx.postLike.findMany({ where: { userId }, orderBy: byCreation });
  const reports = await tx.postReport.findMany({ where: { reporterId: userId }, orderBy: byCreation });
  const questions = await tx.question.findMany({ where: { askerId: userId }, orderBy: byCreation });
  const answers = await tx.answer.findMany({
    where: { authorId: userId },
    include: { question: { select: { acceptedAnswerId: true, bountyPoints: true, bountyStatus: true } } },
    orderBy: byCreation,
  });
  const votes = await tx.answerVote.findMany({ where: { voterId: userId }, orderBy: byCreation });
  const courses = await tx.course.findMany({
    where: { authorId: userId },
    include: { lessons: { orderBy: { position: "asc" } } },
    orderBy: byCreation,
  });
  const purchases = await tx.coursePurchase.findMany({ where: { buyerId: userId }, orderBy: byCreation });
  const sales = await tx.coursePurchase.findMany({
    where: { course: { authorId: userId } },
    orderBy: byCreation,
  });
  const words = await tx.moderationWord.findMany({ where: { addedBy: userId }, orderBy: byCreation });

  const won = answers.filter((a) => a.question.acceptedAnswerId === a.id && a.question.bountyPoints !== null);
  return {
    posts: posts,
    comments: comments.map((c) => ({
      id: c.id,
      postId: c.postId,
      body: c.body,
      status: c.status,
      createdAt: c.createdAt,
    })),
    likesGiven: likes.map((like) => ({ postId: like.postId, createdAt: like.createdAt })),
    reportsFiled: reports.map((r) => ({
      postId: r.postId,
      reason: r.reason,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
    })),
    questions: questions.map(({ answersText: _, ...question }) => question),
    answers: answers.map(({ question, ...answer }) => ({
      ...answer,
      accepted: question.acceptedAnswerId === answer.id,
    })),
    votesGiven: votes.map((v) => ({ answerId: v.answerId, value: v.value, createdAt: v.createdAt })),
    courses: courses.map(({ lessonsText: _, ...course }) => course),
    coursePurchases: purchases.map(({ openKey: _, ...purchase }) => purchase),
    courseSales: sales.map((s) => ({
      id: s.id,
      courseId: s.courseId,
      amount: s.amount,
      currency: s.currency,
      status: s.status,
      createdAt: s.createdAt,
    })),
    bounties: [
      ...questions
        .filter((q) => q.bountyPoints !== null)
        .map((q) => ({
          role: "offered",
          questionId: q.id,
          points: q.bountyPoints,
          status: q.bountyStatus,
          expiresAt: q.bountyExpiresAt,
        })),
      ...won.map((a) => ({
        role: "won",
        questionId: a.questionId,
        answerId: a.id,
        points: a.question.bountyPoints,
        status: a.question.bountyStatus,
      })),
    ],
    moderationWordsAdded: words.map((w) => ({ word: w.word, createdAt: w.createdAt })),
  };
}
