import { randomUUID } from "node:crypto";
import {
  bountyHoldRequestedV1,
  bountyPayoutRequestedV1,
  bountyReturnRequestedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdRef, releaseRef } from "../src/domain/bounties/escrow.ts";
import { envelopeOf } from "./fixtures.ts";
import { ADJUST_POINTS, type FinanceHarness, startFinanceSubgraph } from "./harness.ts";

// Finance's part in content's question bounty saga: content's commands arrive on finance's streams as
// content's relay would publish them; what finance answers is read from its outbox, what moved from the
// ledger. Each command is delivered again (the same event: the inbox) and re-sent (a new event id with
// the same payload: the transfer's source reference), and moves points once.

let h: FinanceHarness;
let admin: Awaited<ReturnType<FinanceHarness["person"]>>;
beforeAll(async () => {
  h = await startFinanceSubgraph();
  admin = await h.person(["user", "admin"]);
});
afterAll(() => h?.close());

const fund = async (userId: string, amount: number) => {
  const result = await h.request(
    ADJUST_POINTS,
    { userId, amount, reason: "bounty test funding" },
    admin.token,
  );
  expect(result.errors).toBeUndefined();
};

const balanceOf = async (owner: string, kind: "USER_POINTS" | "BOUNTY_ESCROW" = "USER_POINTS") => {
  const account = await h.db.ledgerAccount.findUnique({
    where: { owner_kind_unit: { owner, kind, unit: "POINTS" } },
  });
  return Number(account?.balance ?? 0n);
};

/** Publishes `envelope`, then the same event again under another message id (JetStream keeps both). */
async function deliverTwice<E extends EventDefinition>(event: E, envelope: EventEnvelope<EventPayload<E>>) {
  await h.publish(event, envelope);
  await h.publish(event, envelope, randomUUID());
}

const processed = (eventId: string) =>
  h.eventually(
    () => h.db.inboxEvent.count({ where: { eventId } }),
    (n) => n > 0,
  );

const answersFor = (questionId: string) =>
  h.eventually(
    () => h.db.outboxEvent.findMany({ where: { aggregateId: questionId }, orderBy: { createdAt: "asc" } }),
    (rows) => rows.length > 0,
  );

const hold = (questionId: string, askerId: string, points: number) =>
  envelopeOf(
    bountyHoldRequestedV1,
    { questionId, askerId, points, requestedAt: new Date().toISOString() },
    questionId,
  );
const payout = (questionId: string, askerId: string, answererId: string, points: number) =>
  envelopeOf(
    bountyPayoutRequestedV1,
    {
      questionId,
      answerId: randomUUID(),
      askerId,
      answererId,
      points,
      requestedAt: new Date().toISOString(),
    },
    questionId,
  );
const giveBack = (questionId: string, askerId: string) =>
  envelopeOf(
    bountyReturnRequestedV1,
    { questionId, askerId, reason: "the bounty expired", requestedAt: new Date().toISOString() },
    questionId,
  );

/** Holds `points` of a funded asker's for a new question; returns its id once finance answered. */
async function heldBounty(askerId: string, points: number) {
  const questionId = randomUUID();
  const envelope = hold(questionId, askerId, points);
  await deliverTwice(bountyHoldRequestedV1, envelope);
  const answers = await answersFor(questionId);
  expect(answers.map((row) => row.subject)).toEqual(["finance.bounty_held.v1"]);
  return questionId;
}

describe("question bounties in the ledger", () => {
  it("holds the bounty in the question's escrow once, and answers bounty_held", async () => {
    const asker = randomUUID();
    await fund(asker, 100);
    const questionId = randomUUID();
    const envelope = hold(questionId, asker, 40);
    await deliverTwice(bountyHoldRequestedV1, envelope);
    const answers = await answersFor(questionId);
    expect(answers.map((row) => [row.subject, (row.envelope as { payload: unknown }).payload])).toMatchObject(
      [["finance.bounty_held.v1", { questionId, askerId: asker, points: 40 }]],
    );
    // The same command with a new event id (past the inbox): the source reference posts nothing more.
    const again = { ...envelope, id: randomUUID() };
    await h.publish(bountyHoldRequestedV1, again);
    await processed(again.id);
    expect(await balanceOf(asker)).toBe(60);
    expect(await balanceOf(questionId, "BOUNTY_ESCROW")).toBe(40);
    expect(await h.db.ledgerTransfer.count({ where: { sourceRef: holdRef(questionId) } })).toBe(1);
  });

  it("refuses a bounty larger than the balance: bounty_hold_refused, and nothing moved", async () => {
    const asker = randomUUID();
    await fund(asker, 10);
    const questionId = randomUUID();
    await deliverTwice(bountyHoldRequestedV1, hold(questionId, asker, 50));
    const answers = await answersFor(questionId);
    expect(answers.map((row) => [row.subject, (row.envelope as { payload: unknown }).payload])).toMatchObject(
      [
        [
          "finance.bounty_hold_refused.v1",
          {
            questionId,
            askerId: asker,
            points: 50,
            reason: "you have fewer than the 50 points of the bounty",
          },
        ],
      ],
    );
    expect(await balanceOf(asker)).toBe(10);
    expect(await balanceOf(questionId, "BOUNTY_ESCROW")).toBe(0);
    expect(await h.db.ledgerTransfer.count({ where: { sourceRef: holdRef(questionId) } })).toBe(0);
    // A return of a bounty never held moves nothing.
    const back = giveBack(questionId, asker);
    await h.publish(bountyReturnRequestedV1, back);
    await processed(back.id);
    expect(await balanceOf(asker)).toBe(10);
    expect(await h.db.ledgerTransfer.count({ where: { sourceRef: releaseRef(questionId) } })).toBe(0);
  });

  it("pays the held bounty to the answerer exactly once, and a later return finds nothing to return", async () => {
    const asker = randomUUID();
    const answerer = randomUUID();
    await fund(asker, 100);
    const questionId = await heldBounty(asker, 30);
    const envelope = payout(questionId, asker, answerer, 30);
    await deliverTwice(bountyPayoutRequestedV1, envelope);
    await processed(envelope.id);
    const resent = { ...envelope, id: randomUUID() };
    await h.publish(bountyPayoutRequestedV1, resent);
    await processed(resent.id);
    const back = giveBack(questionId, asker);
    await h.publish(bountyReturnRequestedV1, back);
    await processed(back.id);
    expect(await balanceOf(answerer)).toBe(30);
    expect(await balanceOf(asker)).toBe(70);
    expect(await balanceOf(questionId, "BOUNTY_ESCROW")).toBe(0);
    expect(await h.db.ledgerTransfer.count({ where: { sourceRef: releaseRef(questionId) } })).toBe(1);
  });

  it("returns the held bounty to the asker exactly once, and a later payout pays nothing", async () => {
    const asker = randomUUID();
    const answerer = randomUUID();
    await fund(asker, 100);
    const questionId = await heldBounty(asker, 25);
    expect(await balanceOf(asker)).toBe(75);
    const back = giveBack(questionId, asker);
    await deliverTwice(bountyReturnRequestedV1, back);
    await processed(back.id);
    const resent = { ...back, id: randomUUID() };
    await h.publish(bountyReturnRequestedV1, resent);
    await processed(resent.id);
    const late = payout(questionId, asker, answerer, 25);
    await h.publish(bountyPayoutRequestedV1, late);
    await processed(late.id);
    expect(await balanceOf(asker)).toBe(100);
    expect(await balanceOf(answerer)).toBe(0);
    expect(await balanceOf(questionId, "BOUNTY_ESCROW")).toBe(0);
    // Every bounty transfer balances, and the ledger still sums to zero.
    const [{ total }] = await h.db.$queryRawUnsafe<{ total: bigint }[]>(
      `SELECT COALESCE(SUM(balance), 0)::bigint AS total FROM ledger_accounts WHERE unit = 'POINTS'`,
    );
    expect(Number(total)).toBe(0);
  });

  it("releases a bounty once when its payout and its return arrive together", async () => {
    const asker = randomUUID();
    const answerer = randomUUID();
    await fund(asker, 50);
    const questionId = await heldBounty(asker, 50);
    const pay = payout(questionId, asker, answerer, 50);
    const back = giveBack(questionId, asker);
    await Promise.all([h.publish(bountyPayoutRequestedV1, pay), h.publish(bountyReturnRequestedV1, back)]);
    await processed(pay.id);
    await processed(back.id);
    expect(await h.db.ledgerTransfer.count({ where: { sourceRef: releaseRef(questionId) } })).toBe(1);
    expect((await balanceOf(asker)) + (await balanceOf(answerer))).toBe(50);
    expect(await balanceOf(questionId, "BOUNTY_ESCROW")).toBe(0);
  });
});
