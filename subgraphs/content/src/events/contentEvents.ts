import {
  contentPublishedV1,
  coursePaymentRequestedV1,
  coursePurchaseCancelledV1,
  coursePurchasedV1,
  postLikedV1,
} from "@health/events/catalog";
import { publishEvent } from "@health/platform/events";
import type { ContentTx } from "../db.ts";

// What this subgraph tells the platform, one function per event, each written to the outbox inside
// the caller's transaction (../shared/design/ARCHITECTURE.md rule 3).

/** Writes content_published for a course or lesson just published, in that transaction. */
export async function publishContentPublished(
  tx: ContentTx,
  content: { id: string; authorId: string; kind: "COURSE" | "LESSON"; title: string },
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    contentPublishedV1,
    {
      contentId: content.id,
      authorId: content.authorId,
      kind: content.kind,
      title: content.title,
      publishedAt: now.toISOString(),
    },
    { aggregateId: content.id, actorId: content.authorId, occurredAt: now },
  );
}

/**
 * Writes course_payment_requested for a purchase just made, in that transaction: the course purchase
 * saga's command to finance (domain/purchases/paymentSaga.ts).
 */
export async function publishCoursePaymentRequested(
  tx: ContentTx,
  purchase: { id: string; courseId: string; buyerId: string; amount: number; currency: string },
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    coursePaymentRequestedV1,
    {
      requestId: purchase.id,
      courseId: purchase.courseId,
      buyerId: purchase.buyerId,
      amount: purchase.amount,
      currency: purchase.currency,
      requestedAt: now.toISOString(),
    },
    { aggregateId: purchase.id, actorId: purchase.buyerId, occurredAt: now },
  );
}

/**
 * Writes course_purchase_cancelled for a purchase that just ended unpaid, in that transaction: finance
 * voids or refunds what it took for it.
 */
export async function publishCoursePurchaseCancelled(
  tx: ContentTx,
  purchase: { id: string; courseId: string; buyerId: string },
  reason: string,
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    coursePurchaseCancelledV1,
    {
      purchaseId: purchase.id,
      courseId: purchase.courseId,
      buyerId: purchase.buyerId,
      reason,
      cancelledAt: now.toISOString(),
    },
    { aggregateId: purchase.id, actorId: null, occurredAt: now },
  );
}

/**
 * Writes course_purchased for a purchase that just became PAID (a free one at once, a paid one on
 * finance's payment_success), in that transaction: the author's course sales in biz's workbench.
 */
export async function publishCoursePurchased(
  tx: ContentTx,
  purchase: { id: string; courseId: string; buyerId: string; amount: number; currency: string },
  now: Date,
): Promise<void> {
  const { authorId } = await tx.course.findUniqueOrThrow({
    where: { id: purchase.courseId },
    select: { authorId: true },
  });
  await publishEvent(
    tx,
    coursePurchasedV1,
    {
      purchaseId: purchase.id,
      courseId: purchase.courseId,
      authorId,
      buyerId: purchase.buyerId,
      amount: purchase.amount,
      currency: purchase.currency,
      purchasedAt: now.toISOString(),
    },
    { aggregateId: purchase.id, actorId: purchase.buyerId, occurredAt: now },
  );
}

/** Writes post_liked for a user's first like of a post, in that transaction. */
export async function publishPostLiked(
  tx: ContentTx,
  like: { postId: string; authorId: string; likerId: string },
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    postLikedV1,
    { ...like, likedAt: now.toISOString() },
    { aggregateId: like.postId, actorId: like.likerId, occurredAt: now },
  );
}
