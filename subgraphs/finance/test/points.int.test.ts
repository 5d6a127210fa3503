import { randomUUID } from "node:crypto";
import { goalAchievedV1, healthActionRecordedV1, serviceCompletedV1 } from "@health/events/catalog";
import type { SqlExecutor } from "@health/platform/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { financeEventHandlers } from "../src/events/handlers.ts";
import { envelopeOf } from "./fixtures.ts";
import {
  ADJUST_POINTS,
  type FinanceHarness,
  POINTS_BALANCE,
  POINTS_HISTORY,
  startFinanceSubgraph,
} from "./harness.ts";

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const healthAction = (userId: string) =>
  envelopeOf(
    healthActionRecordedV1,
    {
      actionId: randomUUID(),
      userId,
      type: "WORKOUT",
      durationMinutes: 30,
      occurredAt: new Date().toISOString(),
    },
    userId,
  );

const balanceOf = async (who: { token: string }, userId?: string) => {
  const result = await h.request<{ pointsBalance: number }>(POINTS_BALANCE, { userId }, who.token);
  expect(result.errors).toBeUndefined();
  return result.data?.pointsBalance;
};

const pointsAwardedRows = (userId: string) =>
  h.db.outboxEvent.findMany({ where: { subject: "finance.points_awarded.v1", aggregateId: userId } });

describe("points awarded by events", () => {
  it("awards once per event, even when the same envelope is delivered twice", async () => {
    const ann = await h.person();
    const envelope = healthAction(ann.id);
    await h.publish(healthActionRecordedV1, envelope);
    // A second copy under another Nats-Msg-Id: JetStream's dedupe cannot catch it, the inbox must.
    await h.publish(healthActionRecordedV1, envelope, randomUUID());
    await h.eventually(
      () => h.db.inboxEvent.count({ where: { eventId: envelope.id } }),
      (count) => count === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the second copy be handled
    expect(await balanceOf(ann)).toBe(5);
    expect(await h.db.ledgerTransfer.count({ where: { sourceRef: `event:${envelope.id}` } })).toBe(1);
    const published = await pointsAwardedRows(ann.id);
    expect(published.map((row) => (row.envelope as { payload: unknown }).payload)).toEqual([
      expect.objectContaining({ userId: ann.id, points: 5, reason: "health_action_recorded" }),
    ]);
  });

  it("posts nothing the second time a handler runs for one event (the transfer's source reference)", async () => {
    const bob = randomUUID();
    const envelope = envelopeOf(
      goalAchievedV1,
      {
        goalId: randomUUID(),
        userId: bob,
        metric: "STEPS",
        target: 10_000,
        achievedAt: new Date().toISOString(),
      },
      bob,
    );
    const handler = financeEventHandlers(h.deps).find(
      (registration) => registration.event === goalAchievedV1,
    );
    for (let i = 0; i < 2; i++) {
      await h.db.$transaction(
        (tx) =>
          handler?.handle(tx as unknown as SqlExecutor, envelope, { afterCommit: () => undefined }) ??
          Promise.resolve(),
      );
    }
    const account = await h.db.ledgerAccount.findFirst({ where: { owner: bob, kind: "USER_POINTS" } });
    expect(account?.balance).toBe(50n);
    expect(await pointsAwardedRows(bob)).toHaveLength(1);
  });

  it("awards the customer of a completed service, with history newest first, page by page", async () => {
    const carl = await h.person();
    await h.publish(healthActionRecordedV1, healthAction(carl.id));
    const completed = envelopeOf(
      serviceCompletedV1,
      {
        orderId: randomUUID(),
        userId: carl.id,
        healthWorkerId: randomUUID(),
        completionTime: new Date().toISOString(),
        rating: null,
        priceAmount: 19_900,
        currency: "CNY",
      },
      carl.id,
    );
    await h.eventually(
      () => balanceOf(carl),
      (balance) => balance === 5,
    );
    await h.publish(serviceCompletedV1, completed);
    await h.eventually(
      () => balanceOf(carl),
      (balance) => balance === 25,
    );
    type History = {
      pointsHistory: {
        nodes: { points: number; reason: string }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
    const first = await h.request<History>(POINTS_HISTORY, { first: 1 }, carl.token);
    expect(first.data?.pointsHistory.nodes).toEqual([
      expect.objectContaining({ points: 20, reason: "service_completed", kind: "POINTS_AWARD" }),
    ]);
    expect(first.data?.pointsHistory.pageInfo.hasNextPage).toBe(true);
    const second = await h.request<History>(
      POINTS_HISTORY,
      { first: 1, after: first.data?.pointsHistory.pageInfo.endCursor },
      carl.token,
    );
    expect(second.data?.pointsHistory.nodes).toEqual([
      expect.objectContaining({ points: 5, reason: "health_action_recorded" }),
    ]);
    expect(second.data?.pointsHistory.pageInfo.hasNextPage).toBe(false);
  });
});

describe("who may read and adjust points", () => {
  it("refuses another user's balance and history, and lets an admin read them", async () => {
    const dana = await h.person();
    const eve = await h.person();
    const admin = await h.person(["user", "admin"]);
    for (const query of [POINTS_BALANCE, POINTS_HISTORY]) {
      const refused = await h.request(query, { userId: dana.id }, eve.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await balanceOf(admin, dana.id)).toBe(0);
  });

  it("records an admin's adjustment with its reason; refuses one below zero, moving nothing", async () => {
    const fay = await h.person();
    const admin = await h.person(["user", "admin"]);
    const credit = await h.request(
      ADJUST_POINTS,
      { userId: fay.id, amount: 30, reason: "goodwill" },
      admin.token,
    );
    expect(credit.errors).toBeUndefined();
    expect(credit.data).toEqual({
      adjustPoints: expect.objectContaining({ points: 30, kind: "POINTS_ADJUSTMENT", reason: "goodwill" }),
    });

    const entriesBefore = await h.db.ledgerEntry.count();
    const refused = await h.request(
      ADJUST_POINTS,
      { userId: fay.id, amount: -31, reason: "clawback" },
      admin.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(refused.errors?.[0]?.message).toMatch(/too few points/i);
    expect(await h.db.ledgerEntry.count()).toBe(entriesBefore);
    expect(await balanceOf(fay)).toBe(30);

    const transfer = await h.db.ledgerTransfer.findFirst({
      where: { kind: "POINTS_ADJUSTMENT", reason: "goodwill" },
    });
    expect(transfer?.actorId).toBe(admin.id);
    // ops's audit log hears of the adjustment, and of the refused one nothing (it rolled back).
    const recorded = await h.db.outboxEvent.findMany({
      where: { subject: "finance.admin_action_recorded.v1", aggregateId: fay.id },
    });
    expect(
      recorded
        .map((row) => row.envelope as { actorId: string; payload: unknown })
        .map((e) => [e.actorId, e.payload]),
    ).toEqual([
      [
        admin.id,
        {
          action: "adjust_points",
          subjectType: "User",
          subjectId: fay.id,
          details: expect.objectContaining({ amount: 30, reason: "goodwill" }),
        },
      ],
    ]);
    const notAdmin = await h.request(ADJUST_POINTS, { userId: fay.id, amount: 5, reason: "me" }, fay.token);
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
