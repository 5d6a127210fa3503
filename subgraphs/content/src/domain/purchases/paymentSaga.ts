import type { SqlExecutor } from "@health/platform/events";
import { defineSaga, type SagaDefinition, SagaStepFailed } from "@health/platform/saga";
import type { ContentTx } from "../../db.ts";
import { publishCoursePaymentRequested } from "../../events/contentEvents.ts";
import { PurchaseStatus } from "../../generated/prisma/enums.ts";

// The course purchase saga (issue 11): request, then grant. purchaseCourse writes the purchase PENDING
// and starts it; finance authorizes and captures at once and answers payment_success, which marks the
// purchase PAID (the buyer's entitlement); a declined payment marks it FAILED and frees the buyer to try
// again. Nothing was taken from the buyer on that path, so the compensation is local only.

export const COURSE_PURCHASE_SAGA = "course_purchase";

/** The deadline recorded on a waiting purchase (a year): nothing expires it yet. */
const PAYMENT_REPLY_DEADLINE_MS = 365 * 24 * 60 * 60 * 1000;

/** The saga's data; its id is the purchase's. */
export interface CoursePurchaseData {
  purchaseId: string;
  courseId: string;
  buyerId: string;
  amount: number;
  currency: string;
}

const asContentTx = (tx: SqlExecutor): ContentTx => tx as unknown as ContentTx;

export const coursePurchaseSaga = (): SagaDefinition<CoursePurchaseData> =>
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
        // No sweeper times it out: finance answers every request (captured or declined), and a timeout
        // would need a refund command for a late capture (README: left for later).
        replyTimeoutMs: PAYMENT_REPLY_DEADLINE_MS,
        compensate: async ({ data }, reason, { tx }) => {
          await asContentTx(tx).coursePurchase.updateMany({
            where: { id: data.purchaseId, status: PurchaseStatus.PENDING },
            data: { status: PurchaseStatus.FAILED, openKey: null, failure: reason },
          });
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
