import type { SqlExecutor } from "@health/platform/events";
import { defineSaga, type SagaDefinition, SagaStepFailed } from "@health/platform/saga";
import type { ContentTx } from "../../db.ts";
import { publishCoursePaymentRequested, publishCoursePurchaseCancelled } from "../../events/contentEvents.ts";
import { PurchaseStatus } from "../../generated/prisma/enums.ts";

// The course purchase saga (issue 11): request, then grant. purchaseCourse writes the purchase PENDING
// and starts it; finance authorizes and captures at once and answers payment_success, which marks the
// purchase PAID (the buyer's entitlement); a declined payment, or no answer within the timeout, marks it
// FAILED (freeing the buyer to try again) with course_purchase_cancelled, on which finance voids or
// refunds whatever it took for it, should its provider answer late.

export const COURSE_PURCHASE_SAGA = "course_purchase";

/** The saga's data; its id is the purchase's. */
export interface CoursePurchaseData {
  purchaseId: string;
  courseId: string;
  buyerId: string;
  amount: number;
  currency: string;
}

const asContentTx = (tx: SqlExecutor): ContentTx => tx as unknown as ContentTx;

export const coursePurchaseSaga = (options: {
  paymentTimeoutMs: number;
}): SagaDefinition<CoursePurchaseData> =>
  defineSaga<CoursePurchaseData>({
    name: COURSE_PURCHASE_SAGA,
    steps: [
      {
        name: "take_payment",
        run: async ({ data }, { tx, now }) => {
          const { purchaseId: id, courseId, buyerId, amount, currency } = data;
          await publishCoursePaymentRequested(
            asContentTx(tx),
            { id, courseId, buyerId, amount, currency },
            now,
          );
          return undefined;
        },
        replyTimeoutMs: options.paymentTimeoutMs,
        compensate: async ({ data }, reason, { tx, now }) => {
          const { count } = await asContentTx(tx).coursePurchase.updateMany({
            where: { id: data.purchaseId, status: PurchaseStatus.PENDING },
            data: { status: PurchaseStatus.FAILED, openKey: null, failure: reason },
          });
          const { purchaseId: id, courseId, buyerId } = data;
          if (count > 0)
            await publishCoursePurchaseCancelled(asContentTx(tx), { id, courseId, buyerId }, reason, now);
        },
      },
      {
        name: "grant",
        run: async ({ data }, { tx }) => {
          const { count } = await asContentTx(tx).coursePurchase.updateMany({
            where: { id: data.purchaseId, status: PurchaseStatus.PENDING },
            data: { status: PurchaseStatus.PAID },
          });
          if (count === 0) throw new SagaStepFailed("the purchase ended before the payment came");
          return undefined;
        },
      },
    ],
  });
