import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAB, startTradeSubgraph, type TradeHarness } from "./harness.ts";

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph();
});
afterAll(() => h?.close());

const ORDERS = 10;
const COACHES = 50;

describe("grab race at the subgraph level", () => {
  it("500 concurrent grabs over HTTP: exactly one coach per order, nobody over capacity, every loser CONFLICT", async () => {
    const customer = await h.person();
    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS; i++) orderIds.push(await h.openOrder(customer));
    const coaches = await Promise.all(
      Array.from({ length: COACHES }, async (_, i) => {
        const capacity = (i % 3) + 1;
        return { ...(await h.coachWithProfile({ capacity })), capacity };
      }),
    );

    // Every coach grabs every order at once, in a shuffled order.
    const attempts = coaches.flatMap((coach) => orderIds.map((orderId) => ({ coach, orderId })));
    attempts.sort(() => Math.random() - 0.5);
    const results = await Promise.all(
      attempts.map(async ({ coach, orderId }) => ({
        coach,
        orderId,
        result: await h.request<{ grabOrder: { id: string; status: string; coach: { id: string } } }>(
          GRAB,
          { orderId },
          coach.token,
        ),
      })),
    );

    const wins = results.filter((r) => !r.result.errors);
    const losses = results.filter((r) => r.result.errors);
    expect(wins).toHaveLength(ORDERS);
    expect(new Set(wins.map((w) => w.orderId)).size).toBe(ORDERS);
    for (const loss of losses) {
      expect(loss.result.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    }
    const taken = losses.filter((l) => l.result.errors?.[0]?.extensions?.reason === undefined);
    for (const loss of taken) {
      expect(loss.result.errors?.[0]?.message).toMatch(/^Order .+ was already taken/);
      expect(loss.result.errors?.[0]?.extensions?.currentState).toBe("ASSIGNED");
    }

    const orders = await h.db.serviceOrder.findMany({ where: { id: { in: orderIds } } });
    expect(orders.every((o) => o.status === "ASSIGNED" && o.coachId)).toBe(true);
    for (const order of orders) {
      expect(wins.find((w) => w.orderId === order.id)?.coach.id).toBe(order.coachId);
    }
    const perCoach = new Map<string, number>();
    for (const order of orders) perCoach.set(order.coachId!, (perCoach.get(order.coachId!) ?? 0) + 1);
    for (const coach of coaches) expect(perCoach.get(coach.id) ?? 0).toBeLessThanOrEqual(coach.capacity);

    expect(await h.db.outboxEvent.count({ where: { subject: "trade.order_assigned.v1" } })).toBe(ORDERS);
    const requests = await h.db.grabRequest.groupBy({ by: ["outcome"], _count: true });
    const count = (outcome: string) => requests.find((r) => r.outcome === outcome)?._count ?? 0;
    expect(count("WON")).toBe(ORDERS);
    expect(count("WON") + count("LOST") + count("REFUSED")).toBe(COACHES * ORDERS);
  });
});
