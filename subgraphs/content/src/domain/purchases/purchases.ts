import type { Actor } from "@health/platform/auth";
import { hasRole } from "@health/platform/auth";
import { conflict, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { isUniqueViolation } from "@health/platform/prisma";
import { inIdempotentSagaTransaction, type SagaDefinition, startSaga } from "@health/platform/saga";
import type { ContentDb } from "../../db.ts";
import { publishCoursePurchased } from "../../events/contentEvents.ts";
import type { CoursePurchase } from "../../generated/prisma/client.ts";
import { PurchaseStatus } from "../../generated/prisma/enums.ts";
import { canViewCourse, decidePurchase, openPurchaseKey } from "../courses/rules.ts";
import type { CoursePurchaseData } from "./paymentSaga.ts";

/** What purchase effects need: the database and the saga that has finance take the payment. */
export interface PurchaseEffects {
  db: ContentDb;
  coursePurchase: SagaDefinition<CoursePurchaseData>;
}

/**
 * POST /contents/{id}/purchase: under the caller's idempotency key, in ONE transaction, checks the
 * course may be bought (decidePurchase), writes the purchase, and either grants it at once (a free
 * course: PAID) or writes it PENDING and starts the payment saga (paymentSaga.ts), PAID when finance has
 * taken the payment. A retry under the key answers the same purchase (as it is now), or the first
 * request's error; the same key for another course is CONFLICT.
 */
export async function purchaseCourse(
  effects: PurchaseEffects,
  actor: Actor,
  input: { courseId: string; idempotencyKey: string },
  now: Date,
): Promise<CoursePurchase> {
  const courseId = uuidArg(input.courseId, "courseId", "a course id");
  try {
    const id = await inIdempotentSagaTransaction(
      effects.db,
      {
        callerId: actor.userId,
        key: input.idempotencyKey,
        parameters: { operation: "purchaseCourse", courseId },
      },
      now,
      async (tx, ctx) => {
        const course = await tx.course.findUnique({ where: { id: courseId } });
        if (!course || !canViewCourse(actor, course)) throw notFound("Course", courseId);
        const openKey = openPurchaseKey(courseId, actor.userId);
        const open = await tx.coursePurchase.findUnique({ where: { openKey } });
        const plan = decidePurchase(actor, course, open);
        const purchase = await tx.coursePurchase.create({
          data: {
            courseId,
            buyerId: actor.userId,
            amount: plan.kind === "pay" ? plan.amount : 0,
            currency: course.currency,
            status: plan.kind === "pay" ? PurchaseStatus.PENDING : PurchaseStatus.PAID,
            openKey,
            createdAt: now,
          },
        });
        const { id: purchaseId, buyerId, amount, currency } = purchase;
        if (plan.kind === "pay") {
          await startSaga(effects.coursePurchase, ctx, purchaseId, {
            purchaseId,
            courseId,
            buyerId,
            amount,
            currency,
          });
        } else {
          await publishCoursePurchased(tx, { id: purchaseId, courseId, buyerId, amount, currency }, now);
        }
        return purchase.id;
      },
      { field: "idempotencyKey" },
    );
    return effects.db.coursePurchase.findUniqueOrThrow({ where: { id } });
  } catch (error) {
    // Two purchases of one course by one buyer under different keys at once: the second finds the first.
    if (isUniqueViolation(error)) throw conflict(`You are buying or own course ${courseId} already.`);
    throw error;
  }
}

/** A purchase, for its buyer or an admin; NOT_FOUND for anyone else. */
export async function readPurchase(db: ContentDb, actor: Actor, id: string): Promise<CoursePurchase> {
  const purchaseId = uuidArg(id, "id", "a course purchase id");
  const purchase = await db.coursePurchase.findUnique({ where: { id: purchaseId } });
  if (!purchase || (purchase.buyerId !== actor.userId && !hasRole(actor, "admin"))) {
    throw notFound("Course purchase", purchaseId);
  }
  return purchase;
}

/** Of `courseIds`, those `buyerId` owns (a PAID purchase), for the per-request entitlement loader. */
export async function ownedCourses(
  db: ContentDb,
  buyerId: string,
  courseIds: readonly string[],
): Promise<boolean[]> {
  const rows = await db.coursePurchase.findMany({
    where: { buyerId, courseId: { in: [...courseIds] }, status: PurchaseStatus.PAID },
    select: { courseId: true },
  });
  const owned = new Set(rows.map((row) => row.courseId));
  return courseIds.map((id) => owned.has(id));
}
