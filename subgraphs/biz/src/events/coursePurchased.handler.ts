import { coursePurchasedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordCourseSale } from "../domain/workbench/courseSales.ts";
import { asBizTx } from "./bizTx.ts";

/** course_purchased → a sale in its author's workbench. */
export const coursePurchasedHandler = on(coursePurchasedV1, (tx, { payload }) =>
  recordCourseSale(asBizTx(tx), {
    purchaseId: payload.purchaseId,
    authorId: payload.authorId,
    courseId: payload.courseId,
    amount: payload.amount,
    currency: payload.currency,
    purchasedAt: new Date(payload.purchasedAt),
  }),
);
