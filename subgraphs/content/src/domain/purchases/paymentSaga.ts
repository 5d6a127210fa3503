import type { SqlExecutor } from "@health/platform/events";
import { definePaidPurchaseSaga, type SagaDefinition } from "@health/platform/saga";
import type { ContentTx } from "../../db.ts";
import {
  publishCoursePaymentRequested,
  publishCoursePurchaseCancelled,
  publishCoursePurchased,
} from "../../events/contentEvents.ts";
import { PurchaseStatus } from "../../generated/prisma/enums.ts";

// The course purchase saga (issue 11), a purchase paid at once through finance
// (@health/platform/saga's definePaidPurchaseSaga): purchaseCourse writes the purchase PENDING and starts
// it; payment_success marks it PAID (the buyer's entitlement); a decline, or no answer within the timeout,
// marks it FAILED (freeing the buyer to try again) with course_purchase_cancelled, on which finance voids
// or refunds whatever it took for it, should its provider answer late.

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
  definePaidPurchaseSaga<CoursePurchaseData>({
    name: COURSE_PURCHASE_SAGA,
    paymentTimeoutMs: options.paymentTimeoutMs,
    requestPayment: async (tx, { purchaseId: id, courseId, buyerId, amount, currency }, now) => {
      await publishCoursePaymentRequested(asContentTx(tx), { id, courseId, buyerId, amount, currency }, now);
    },
    markFailed: async (tx, data, reason) => {
      const { count } = await asContentTx(tx).coursePurchase.updateMany({
        where: { id: data.purchaseId, status: PurchaseStatus.PENDING },
        data: { status: PurchaseStatus.FAILED, openKey: null, failure: reason },
      });
      return count > 0;
    },
    cancelPayment: async (tx, { purchaseId: id, courseId, buyerId }, reason, now) => {
      await publishCoursePurchaseCancelled(asContentTx(tx), { id, courseId, buyerId }, reason, now);
    },
    grant: async (tx, { purchaseId: id, courseId, buyerId, amount, currency }, now) => {
      const { count } = await asContentTx(tx).coursePurchase.updateMany({
        where: { id, status: PurchaseStatus.PENDING },
        data: { status: PurchaseStatus.PAID },
      });
      if (count > 0) {
        await publishCoursePurchased(asContentTx(tx), { id, courseId, buyerId, amount, currency }, now);
      }
      return count > 0;
    },
  });
