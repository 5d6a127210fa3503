import { bountyHeldV1, bountyHoldRefusedV1 } from "@health/events/catalog";
import { loadConfig } from "@health/platform/config";
import { prepareEvent } from "@health/platform/events";
import { eventually, publishPaymentAnswer, startSubgraphHarness } from "@health/platform/testing";
import { contentConfigSchema } from "../src/config.ts";
import { connectContent } from "../src/connect.ts";
import { contentSubgraph } from "../src/subgraph.ts";

/**
 * The content subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startContentSubgraph() {
  const harness = await startSubgraphHarness({
    definition: contentSubgraph,
    loadConfig: (env) => loadConfig(contentConfigSchema, env),
    // Tests time out purchases and bounties themselves (expireOverdueSagas at a time of their choosing).
    connect: (config, isolation) =>
      connectContent(config, { ...isolation, purchaseSweeper: false, bountySweeper: false }),
  });

  /**
   * Finance's answer to a course purchase's payment request, published on this file's streams as
   * finance's relay would (payment_success, or payment_failed with the reason `declined`).
   */
  const answerPayment = async (purchaseId: string, answer: { declined?: string } = {}) => {
    const purchase = await harness.deps.db.coursePurchase.findUniqueOrThrow({ where: { id: purchaseId } });
    const { buyerId: payerId, amount, currency } = purchase;
    const payment = { id: purchaseId, payerId, amount, currency, reference: `course_purchase:${purchaseId}` };
    return publishPaymentAnswer(harness.publish, "content", payment, answer);
  };

  /** The purchase's status once it is no longer PENDING (its payment was answered), or after 10 s. */
  const settledStatus = async (purchaseId: string) =>
    (
      await eventually(
        () => harness.deps.db.coursePurchase.findUniqueOrThrow({ where: { id: purchaseId } }),
        (purchase) => purchase.status !== "PENDING",
      )
    ).status;

  /**
   * Finance's answer to a question's bounty hold, published on this file's streams as finance's relay
   * would: bounty_held, or bounty_hold_refused with `refused` as the reason.
   */
  const answerBountyHold = async (questionId: string, answer: { refused?: string } = {}) => {
    const question = await harness.deps.db.question.findUniqueOrThrow({ where: { id: questionId } });
    const common = { questionId, askerId: question.askerId, points: question.bountyPoints ?? 1 };
    const now = new Date().toISOString();
    if (answer.refused) {
      const payload = { ...common, reason: answer.refused, refusedAt: now };
      const { envelope } = prepareEvent(bountyHoldRefusedV1, payload, { aggregateId: questionId });
      return harness.publish(bountyHoldRefusedV1, envelope);
    }
    const { envelope } = prepareEvent(bountyHeldV1, { ...common, heldAt: now }, { aggregateId: questionId });
    return harness.publish(bountyHeldV1, envelope);
  };

  /** The question once it is no longer PENDING (its hold was answered), or after 10 s. */
  const settledQuestion = (questionId: string) =>
    eventually(
      () => harness.deps.db.question.findUniqueOrThrow({ where: { id: questionId } }),
      (question) => question.status !== "PENDING",
    );

  return {
    ...harness,
    db: harness.deps.db,
    answerPayment,
    settledStatus,
    answerBountyHold,
    settledQuestion,
    eventually,
  };
}

export type ContentHarness = Awaited<ReturnType<typeof startContentSubgraph>>;
