import { contentAdminActionRecordedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { assertNever, notFound } from "@health/platform/errors";
import { publishAdminAction } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import type { ContentDb, ContentTx } from "../../db.ts";
import type { ModerationCase } from "../../generated/prisma/client.ts";
import { ModeratedKind, ModerationStatus, PublicationStatus } from "../../generated/prisma/enums.ts";
import { approveCourse, approveLesson } from "../courses/publication.ts";
import { validateReason } from "../posts/rules.ts";
import { reindexPost } from "../posts/search.ts";
import { reviewAnswer, reviewQuestion } from "../questions/questionReview.ts";

/** An admin's decision on a case: KEEP publishes the item (again); REMOVE takes it down. */
export type ReviewDecision = "KEEP" | "REMOVE";

/** A post, comment, question or answer after review: published (again), or removed for good with the reason. */
export const reviewedStatus = (decision: ReviewDecision): ModerationStatus =>
  decision === "KEEP" ? ModerationStatus.PUBLISHED : ModerationStatus.REMOVED;

/**
 * Decides an open case (admins only, gated by the resolver) and takes it out of the queue. A post,
 * comment, question or answer is published (again; a post's reports closed, a held answer's
 * question_answered written) or REMOVED for good with `reason`, which its author sees, and search follows;
 * a course or lesson held at publication is published (content_published) or sent back to DRAFT.
 * `reason` is required to remove.
 */
export async function reviewCase(
  db: ContentDb,
  admin: Actor,
  caseId: string,
  decision: ReviewDecision,
  reason: string | null,
  now: Date,
): Promise<ModerationCase> {
  const id = uuidArg(caseId, "caseId", "a moderation case id");
  const removalReason = decision === "REMOVE" ? validateReason(reason ?? "", "reason") : null;
  return db.$transaction(async (tx) => {
    const open = await tx.moderationCase.findUnique({ where: { id } });
    // Deleting first locks the case: of two admins deciding it at once, the second finds nothing.
    const { count } = await tx.moderationCase.deleteMany({ where: { id } });
    if (!open || count === 0) throw notFound("ModerationCase", id);
    await decide(tx, open, decision, removalReason, now);
    // ops's audit log (M18): the decision, committed with it.
    await publishAdminAction(tx, contentAdminActionRecordedV1, admin, {
      action: "review_moderation_case",
      subjectType: open.kind.charAt(0) + open.kind.slice(1).toLowerCase(), // POST → Post
      subjectId: open.targetId,
      details: { caseId: id, decision, reason: removalReason },
    });
    return open;
  });
}

async function decide(
  tx: ContentTx,
  open: ModerationCase,
  decision: ReviewDecision,
  removalReason: string | null,
  now: Date,
): Promise<void> {
  switch (open.kind) {
    case ModeratedKind.POST: {
      const post = await tx.post.update({
        where: { id: open.targetId },
        data: { status: reviewedStatus(decision), removalReason, openReports: 0 },
      });
      await tx.postReport.updateMany({ where: { postId: post.id, closedAt: null }, data: { closedAt: now } });
      await reindexPost(tx, post);
      return;
    }
    case ModeratedKind.COMMENT:
      await tx.comment.update({
        where: { id: open.targetId },
        data: { status: reviewedStatus(decision), removalReason },
      });
      return;
    case ModeratedKind.COURSE: {
      const course = await tx.course.findUniqueOrThrow({ where: { id: open.targetId } });
      if (course.status !== PublicationStatus.PENDING_REVIEW) return;
      if (decision === "KEEP") await approveCourse(tx, course, now);
      else await tx.course.update({ where: { id: course.id }, data: { status: PublicationStatus.DRAFT } });
      return;
    }
    case ModeratedKind.LESSON: {
      const lesson = await tx.lesson.findUniqueOrThrow({
        where: { id: open.targetId },
        include: { course: true },
      });
      if (lesson.status !== PublicationStatus.PENDING_REVIEW) return;
      if (decision === "KEEP") await approveLesson(tx, lesson, lesson.course.authorId, now);
      else await tx.lesson.update({ where: { id: lesson.id }, data: { status: PublicationStatus.DRAFT } });
      return;
    }
    case ModeratedKind.QUESTION:
      await reviewQuestion(tx, open.targetId, reviewedStatus(decision), removalReason);
      return;
    case ModeratedKind.ANSWER:
      await reviewAnswer(tx, open.targetId, reviewedStatus(decision), removalReason, now);
      return;
    default:
      assertNever(open.kind);
  }
}
