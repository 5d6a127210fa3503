import { paymentFailedV1, paymentSuccessV1 } from "@health/events/catalog";
import { type HandlerRegistration, on } from "../events/handlers.ts";
import type { SqlExecutor } from "../events/sql.ts";
import { defineSaga, type SagaDefinition, SagaStepFailed } from "./defineSaga.ts";
import { resumeSaga } from "./sagaRunner.ts";

// A purchase paid through finance at once, as a two-step saga the buying subgraph owns: "take_payment"
// writes the subgraph's catalogued request to finance (which authorizes and captures at once, and answers
// payment_success or payment_failed naming the requester), then "grant" gives what was paid for. A decline,
// or no answer within the timeout, fails the purchase (freeing the buyer to try again) and writes the
// subgraph's cancellation, on which finance voids or refunds whatever it took, however late its provider
// answers. Content's course purchase and biz's paid community membership are two of these.

/** The requesters whose answers `paymentReplyHandlers` picks out of finance's (payment_success's enum). */
export type PaymentRequester = "content" | "biz";

/** What a purchase paid at once does in the owning subgraph, each in the saga's transaction. */
export interface PaidPurchaseSteps<D> {
  /** Stored on each instance (`saga_instances.saga`). */
  name: string;
  /** How long finance has to answer before the purchase fails as timed out. */
  paymentTimeoutMs: number;
  /** Writes the request to finance (an outbox event whose `requestId` is the saga's id). */
  requestPayment(tx: SqlExecutor, data: D, now: Date): Promise<void>;
  /** Marks the purchase failed with `reason` if it is still pending; true when it did. */
  markFailed(tx: SqlExecutor, data: D, reason: string, now: Date): Promise<boolean>;
  /** Writes the cancellation on which finance releases what it took (only after `markFailed` did). */
  cancelPayment(tx: SqlExecutor, data: D, reason: string, now: Date): Promise<void>;
  /** Grants what was paid for if the purchase is still pending; false when it ended first. */
  grant(tx: SqlExecutor, data: D, now: Date): Promise<boolean>;
}

export const TAKE_PAYMENT_STEP = "take_payment";

/** The saga of a purchase paid at once through finance (see above). */
export const definePaidPurchaseSaga = <D>(steps: PaidPurchaseSteps<D>): SagaDefinition<D> =>
  defineSaga<D>({
    name: steps.name,
    steps: [
      {
        name: TAKE_PAYMENT_STEP,
        run: async ({ data }, { tx, now }) => {
          await steps.requestPayment(tx, data, now);
          return undefined;
        },
        replyTimeoutMs: steps.paymentTimeoutMs,
        compensate: async ({ data }, reason, { tx, now }) => {
          if (await steps.markFailed(tx, data, reason, now)) await steps.cancelPayment(tx, data, reason, now);
        },
      },
      {
        name: "grant",
        run: async ({ data }, { tx, now }) => {
          if (!(await steps.grant(tx, data, now))) {
            throw new SagaStepFailed("the purchase ended before the payment came");
          }
          return undefined;
        },
      },
    ],
  });

/**
 * The owning subgraph's consumer handlers for finance's answers to its paid purchases: a captured payment
 * resumes the saga, a decline fails it with the reason. Answers to another requester, or about a direct
 * payment, are not its.
 */
export const paymentReplyHandlers = <D>(
  requester: PaymentRequester,
  saga: SagaDefinition<D>,
): HandlerRegistration[] => [
  on(paymentSuccessV1, async (tx, { payload }, { afterCommit }) => {
    if (payload.requester !== requester || !payload.requestId) return;
    await resumeSaga(saga, { tx, now: new Date(), afterCommit }, payload.requestId, {
      step: TAKE_PAYMENT_STEP,
      ok: true,
    });
  }),
  on(paymentFailedV1, async (tx, { payload }, { afterCommit }) => {
    if (payload.requester !== requester) return;
    await resumeSaga(saga, { tx, now: new Date(), afterCommit }, payload.requestId, {
      step: TAKE_PAYMENT_STEP,
      ok: false,
      reason: `the payment was declined (${payload.reason})`,
    });
  }),
];
