import { loadConfig } from "@health/platform/config";
import { eventually, publishPaymentAnswer, startSubgraphHarness } from "@health/platform/testing";
import { bizConfigSchema } from "../src/config.ts";
import { connectBiz } from "../src/connect.ts";
import { bizSubgraph } from "../src/subgraph.ts";

/**
 * The biz subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startBizSubgraph(env: Record<string, string> = {}) {
  const harness = await startSubgraphHarness({
    definition: bizSubgraph,
    loadConfig: (vars) => loadConfig(bizConfigSchema, vars),
    // Tests time out memberships themselves (expireOverdueSagas at a time of their choosing).
    connect: (config, isolation) => connectBiz(config, { ...isolation, membershipSweeper: false }),
    env,
  });
  const db = harness.deps.db;

  /** Finance's answer to a paid membership's payment request, published as finance's relay would. */
  const answerPayment = async (membershipId: string, answer: { declined?: string } = {}) => {
    const membership = await db.communityMembership.findUniqueOrThrow({ where: { id: membershipId } });
    const { userId: payerId, amount, currency } = membership;
    const reference = `community_membership:${membershipId}`;
    await publishPaymentAnswer(
      harness.publish,
      "biz",
      { id: membershipId, payerId, amount, currency, reference },
      answer,
    );
  };

  /** The membership's status once it is no longer PENDING (its payment was answered), or after 10 s. */
  const settledStatus = async (membershipId: string) =>
    (
      await eventually(
        () => db.communityMembership.findUniqueOrThrow({ where: { id: membershipId } }),
        (membership) => membership.status !== "PENDING",
      )
    ).status;

  return { ...harness, db, answerPayment, settledStatus };
}

export type BizHarness = Awaited<ReturnType<typeof startBizSubgraph>>;
