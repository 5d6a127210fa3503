import { randomUUID } from "node:crypto";
import { coursePurchasedV1 } from "@health/events/catalog";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeOf } from "./fixtures.ts";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

let h: BizHarness;
beforeAll(async () => {
  h = await startBizSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const WORKBENCH = `query Workbench($from: DateTimeISO!, $to: DateTimeISO!, $coachId: ID) {
  workbench(from: $from, to: $to, coachId: $coachId) {
    courseSales { sold revenue { currency amount count } days { date sold revenue { currency amount } } }
  }
}`;

interface CourseSales {
  sold: number;
  revenue: Array<{ currency: string; amount: number; count: number }>;
  days: Array<{ date: string; sold: number; revenue: Array<{ currency: string; amount: number }> }>;
}

const period = () => {
  const to = new Date(Date.now() + 60_000);
  return { from: new Date(to.getTime() - 24 * 3600_000).toISOString(), to: to.toISOString() };
};

const salesOf = async (token: string, coachId?: string) => {
  const result = await h.request<{ workbench: { courseSales: CourseSales } }>(
    WORKBENCH,
    { ...period(), coachId },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data?.workbench.courseSales as CourseSales;
};

const sale = (authorId: string, amount: number) => ({
  purchaseId: randomUUID(),
  courseId: randomUUID(),
  authorId,
  buyerId: randomUUID(),
  amount,
  currency: "CNY",
  purchasedAt: new Date().toISOString(),
});

describe("the workbench's course sales, fed by content's course_purchased", () => {
  it("counts each sale once, paid and free, with its revenue per day; another coach sees none of it", async () => {
    const author = await h.person(["user", "coach"]);
    const other = await h.person(["user", "coach"]);
    const paid = envelopeOf(coursePurchasedV1, sale(author.id, 9_900), { aggregateId: randomUUID() });
    await h.publish(coursePurchasedV1, paid);
    // The same sale again under another message id: the inbox and the projection's key both stop it.
    await h.publish(coursePurchasedV1, paid, randomUUID());
    await h.publish(coursePurchasedV1, envelopeOf(coursePurchasedV1, sale(author.id, 0)));

    const sales = await eventually(
      () => salesOf(author.token),
      (now) => now.sold === 2,
      10_000,
    );
    expect(sales.revenue).toEqual([{ currency: "CNY", amount: 9_900, count: 2 }]);
    const today = new Date().toISOString().slice(0, 10);
    expect(sales.days.find((day) => day.date === today)).toEqual({
      date: today,
      sold: 2,
      revenue: [{ currency: "CNY", amount: 9_900 }],
    });
    await eventually(
      () => h.db.inboxEvent.count({ where: { eventId: paid.id } }),
      (count) => count === 1,
    );
    expect(await h.db.workbenchCourseSale.count({ where: { authorId: author.id } })).toBe(2);
    expect((await salesOf(other.token)).sold).toBe(0);
    const refused = await h.request(WORKBENCH, { ...period(), coachId: author.id }, other.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
