import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTradeSubgraph, type TradeHarness } from "./harness.ts";

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph();
});
afterAll(() => h?.close());

// Grabs in flight together share one read and one INSERT; each must still get exactly its own rows.
describe("grab statements shared by concurrent grabs", () => {
  it("reads each grab's own order and coach in one batch (unknown order: null; no profile: no rules)", async () => {
    const customer = await h.person();
    const withProfile = await h.coachWithProfile({ capacity: 2 });
    const withoutProfile = await h.person(["coach"]);
    const first = await h.openOrder(customer);
    const second = await h.openOrder(customer, { region: "beijing" });
    const missing = randomUUID();

    const [a, b, c, d] = await Promise.all([
      h.deps.grabs.readState({ orderId: first, coachId: withProfile.id }),
      h.deps.grabs.readState({ orderId: missing, coachId: withProfile.id }),
      h.deps.grabs.readState({ orderId: second, coachId: withoutProfile.id }),
      h.deps.grabs.readState({ orderId: first, coachId: withoutProfile.id }),
    ]);

    expect(a?.order.id).toBe(first);
    expect(a?.rules).toMatchObject({ capacity: 2 });
    expect(a?.active).toBe(0);
    expect(b).toBeNull();
    expect(c?.order).toMatchObject({ id: second, region: "beijing" });
    expect(c?.rules).toBeNull();
    expect(d?.order.id).toBe(first);
    expect(d?.rules).toBeNull();
  });

  it("records each loss as its own row, all committed when the calls resolve", async () => {
    const customer = await h.person();
    const order = await h.openOrder(customer);
    const coaches = await Promise.all([h.person(["coach"]), h.person(["coach"]), h.person(["coach"])]);

    await Promise.all([
      h.deps.grabs.recordLoss({ orderId: order, coachId: coaches[0]!.id, outcome: "LOST", reason: "TAKEN" }),
      h.deps.grabs.recordLoss({
        orderId: order,
        coachId: coaches[1]!.id,
        outcome: "REFUSED",
        reason: "NOT_MATCHING",
      }),
      h.deps.grabs.recordLoss({
        orderId: order,
        coachId: coaches[2]!.id,
        outcome: "REFUSED",
        reason: "NO_PROFILE",
      }),
    ]);

    const rows = await h.db.grabRequest.findMany({ where: { orderId: order } });
    expect(rows).toHaveLength(3);
    expect(Object.fromEntries(rows.map((row) => [row.coachId, [row.outcome, row.reason]]))).toEqual({
      [coaches[0]!.id]: ["LOST", "TAKEN"],
      [coaches[1]!.id]: ["REFUSED", "NOT_MATCHING"],
      [coaches[2]!.id]: ["REFUSED", "NO_PROFILE"],
    });
  });
});
