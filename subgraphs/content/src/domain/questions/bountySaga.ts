import type { SqlExecutor } from "@health/platform/events";
import {
  abortSaga,
  defineSaga,
  type SagaContext,
  type SagaDefinition,
  SagaStepFailed,
} from "@health/platform/saga";
import type { ContentTx } from "../../db.ts";
import {
  publishBountyHoldRequested,
  publishBountyPayoutRequested,
  publishBountyReturnRequested,
} from "../../events/questionEvents.ts";
import { BountyStatus, QuestionStatus } from "../../generated/prisma/enums.ts";
import { bountyExpiry } from "./rules.ts";
import { reindexQuestion } from "./search.ts";

// A question's bounty (issue 11, M12), a saga content owns; finance holds the points. askQuestion writes
// the question PENDING and starts it:
//   hold   bounty_hold_requested; finance answers bounty_held (→ open) or bounty_hold_refused, or
//          nothing within the hold timeout (→ the question REJECTED with the reason; a return is asked
//          of finance, which moves nothing when it holds nothing, and undoes a hold that comes late).
//   open   PENDING → OPEN, public and searchable; the bounty HELD until `bountyExpiresAt`.
//   award  waits for acceptAnswer (resumeSaga with the answer) for the bounty's lifetime; on expiry its
//          compensation marks the bounty RETURNED and hold's asks finance to give the points back.
//   pay    bounty_payout_requested: finance pays the held points to the accepted answer's author.
// Payout and return share one source reference in finance's ledger, so at most one of them ever posts.

export const QUESTION_BOUNTY_SAGA = "question_bounty";

/** The saga's data; its id is the question's. */
export interface QuestionBountyData {
  questionId: string;
  askerId: string;
  points: number;
  answerId?: string;
  answererId?: string;
}

const asContentTx = (tx: SqlExecutor): ContentTx => tx as unknown as ContentTx;

export interface QuestionBountyOptions {
  /** How long finance has to answer the hold before the question is rejected. */
  holdTimeoutMs: number;
  /** How long a held bounty waits for an accepted answer before it returns to the asker. */
  ttlMs: number;
}

/**
 * Gives a bounty still being held (REQUESTED) or in escrow (HELD) back to the asker as its expiry would:
 * the saga is aborted, its compensations mark the bounty RETURNED (or the question REJECTED), and
 * bounty_return_requested asks finance for the points with `reason`. Nothing for any other bounty.
 * Call it under the saga's row lock, in the transaction that ends the question (deleting, erasing).
 */
export async function returnBounty(
  definition: SagaDefinition<QuestionBountyData>,
  ctx: SagaContext,
  question: { id: string; bountyStatus: BountyStatus | null },
  reason: string,
): Promise<void> {
  if (question.bountyStatus !== BountyStatus.REQUESTED && question.bountyStatus !== BountyStatus.HELD) return;
  await abortSaga(definition, ctx, question.id, reason);
}

export const questionBountySaga = (options: QuestionBountyOptions): SagaDefinition<QuestionBountyData> =>
  defineSaga<QuestionBountyData>({
    name: QUESTION_BOUNTY_SAGA,
    steps: [
      {
        name: "hold",
        run: async ({ data }, { tx, now }) => {
          const { questionId, askerId, points } = data;
          await publishBountyHoldRequested(asContentTx(tx), { questionId, askerId, points }, now);
          return undefined;
        },
        replyTimeoutMs: options.holdTimeoutMs,
        compensate: async ({ data }, reason, { tx, now }) => {
          await asContentTx(tx).question.updateMany({
            where: { id: data.questionId, status: QuestionStatus.PENDING },
            data: {
              status: QuestionStatus.REJECTED,
              bountyStatus: BountyStatus.REFUSED,
              rejectionReason: `The bounty could not be held: ${reason}.`,
            },
          });
          // The award step timing out is the bounty expiring; any other reason is why the hold failed.
          const why = reason === "award timed out" ? "the bounty expired with no accepted answer" : reason;
          await publishBountyReturnRequested(
            asContentTx(tx),
            { questionId: data.questionId, askerId: data.askerId },
            why,
            now,
          );
        },
      },
      {
        name: "open",
        run: async ({ data }, { tx, now }) => {
          const { count } = await asContentTx(tx).question.updateMany({
            where: { id: data.questionId, status: QuestionStatus.PENDING },
            data: {
              status: QuestionStatus.OPEN,
              bountyStatus: BountyStatus.HELD,
              bountyExpiresAt: bountyExpiry(now, options.ttlMs),
            },
          });
          if (count === 0) throw new SagaStepFailed("the question ended before its bounty was held");
          await reindexQuestion(asContentTx(tx), data.questionId);
          return undefined;
        },
      },
      {
        name: "award",
        run: async () => undefined,
        replyTimeoutMs: options.ttlMs,
        compensate: async ({ data }, _reason, { tx }) => {
          await asContentTx(tx).question.updateMany({
            where: { id: data.questionId, bountyStatus: BountyStatus.HELD },
            data: { bountyStatus: BountyStatus.RETURNED },
          });
        },
      },
      {
        name: "pay",
        run: async ({ data }, { tx, now }) => {
          const { questionId, askerId, points, answerId, answererId } = data;
          if (!answerId || !answererId) throw new Error(`bounty ${questionId} awarded without an answer`);
          await asContentTx(tx).question.update({
            where: { id: questionId },
            data: { bountyStatus: BountyStatus.PAID },
          });
          await publishBountyPayoutRequested(
            asContentTx(tx),
            { questionId, answerId, askerId, answererId, points },
            now,
          );
          return undefined;
        },
      },
    ],
  });
