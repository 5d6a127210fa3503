import { orderAssignedV1 } from "@health/events/catalog";
import { prepareEvent } from "@health/platform/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleGrab } from "../src/domain/grab/queries.ts";
import { GRAB, profileInput, SET_PROFILE, startTradeSubgraph, type TradeHarness } from "./harness.ts";

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph();
});
afterAll(() => h?.close());

/** settleGrab for `coachId` at `orderId`, with the profile version and order as read now. */
async function settle(orderId: string, coachId: string, profileVersion?: Date) {
  const state = await h.deps.grabs.readState({ orderId, coachId });
  const now = new Date();
  const assigned = prepareEvent(
    orderAssignedV1,
    { orderId, customerId: state!.order.customerId, coachId, assignedAt: now.toISOString() },
    { aggregateId: orderId, actorId: coachId, occurredAt: now },
  );
  const version = profileVersion ?? state!.profileVersion!;
  return {
    settlement: await settleGrab(h.db, { orderId, coachId, profileVersion: version, now, assigned }),
    assigned,
  };
}

const rowsOf = async (orderId: string) => ({
  order: await h.db.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }),
  grabs: await h.db.grabRequest.findMany({ where: { orderId } }),
  events: await h.db.outboxEvent.findMany({
    where: { aggregateId: orderId, subject: orderAssignedV1.subject },
  }),
});

// The locked half of a grab (trade_settle_grab, one statement): what it writes for each outcome.
describe("settling a grab in one statement", () => {
  it("assigns an OPEN order and commits the WON row and the prepared order_assigned event with it", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile();
    const orderId = await h.openOrder(customer);

    const { settlement, assigned } = await settle(orderId, coach.id);

    expect(settlement).toEqual({ outcome: "WON", active: 1 });
    const { order, grabs, events } = await rowsOf(orderId);
    expect(order).toMatchObject({ status: "ASSIGNED", coachId: coach.id });
    expect(grabs.map((g) => [g.coachId, g.outcome])).toEqual([[coach.id, "WON"]]);
    expect(events.map((e) => [e.id, e.envelope])).toEqual([[assigned.envelope.id, assigned.envelope]]);
  });

  it("writes nothing for a coach who came second, and says what the order is now", async () => {
    const customer = await h.person();
    const [first, second] = await Promise.all([h.coachWithProfile(), h.coachWithProfile()]);
    const orderId = await h.openOrder(customer);
    await settle(orderId, first.id);

    const { settlement } = await settle(orderId, second.id);

    expect(settlement).toEqual({ outcome: "NOT_WON", status: "ASSIGNED", active: 0 });
    const { order, grabs, events } = await rowsOf(orderId);
    expect(order.coachId).toBe(first.id);
    expect(grabs).toHaveLength(1);
    expect(events).toHaveLength(1);
  });

  it("counts capacity after the coach's lock: a coach at capacity does not win", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile({ capacity: 1 });
    const [a, b] = [await h.openOrder(customer), await h.openOrder(customer)];
    await settle(a, coach.id);

    const { settlement } = await settle(b, coach.id);

    expect(settlement).toEqual({ outcome: "NOT_WON", status: "OPEN", active: 1 });
    expect((await rowsOf(b)).order.status).toBe("OPEN");
  });

  it("never assigns an order to its own customer, even when called straight (no decideGrab before it)", async () => {
    const coach = await h.coachWithProfile();
    const orderId = await h.openOrder(coach);

    const { settlement } = await settle(orderId, coach.id);

    expect(settlement).toEqual({ outcome: "NOT_WON", status: "OPEN", active: 0 });
    const { order, grabs, events } = await rowsOf(orderId);
    expect(order).toMatchObject({ status: "OPEN", coachId: null });
    expect(grabs).toEqual([]);
    expect(events).toEqual([]);
  });

  it("refuses a coach grabbing their own order: FORBIDDEN with reason SELF_GRAB, the order stays OPEN", async () => {
    const coach = await h.coachWithProfile();
    const orderId = await h.openOrder(coach);
    const listed = await h.request<{ availableOrders: { nodes: Array<{ id: string }> } }>(
      "{ availableOrders { nodes { id } } }",
      {},
      coach.token,
    );
    expect(listed.data?.availableOrders.nodes.map((n) => n.id)).not.toContain(orderId);

    const result = await h.request(GRAB, { orderId }, coach.token);

    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "SELF_GRAB" });
    expect(result.errors?.[0]?.message).toContain("your own");
    const { order, grabs, events } = await rowsOf(orderId);
    expect(order).toMatchObject({ status: "OPEN", coachId: null });
    expect(grabs.map((g) => [g.outcome, g.reason])).toEqual([["REFUSED", "SELF_GRAB"]]);
    expect(events).toEqual([]);
    const other = await h.coachWithProfile();
    expect((await h.request(GRAB, { orderId }, other.token)).errors).toBeUndefined();
  });

  it("does nothing while the coach's profile is not the version the rules were decided on", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile();
    const orderId = await h.openOrder(customer);

    const { settlement } = await settle(orderId, coach.id, new Date(Date.now() - 60_000));

    expect(settlement).toEqual({ outcome: "PROFILE_CHANGED" });
    const { order, grabs, events } = await rowsOf(orderId);
    expect(order.status).toBe("OPEN");
    expect(grabs).toEqual([]);
    expect(events).toEqual([]);
  });

  it("decides again when the profile changed after the read: a coach who no longer matches is refused", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile();
    const orderId = await h.openOrder(customer);
    // The profile the grab reads first, then a change that lands before its settlement.
    const read = h.deps.grabs.readState.bind(h.deps.grabs);
    let changed = false;
    h.deps.grabs.readState = async (key) => {
      const state = await read(key);
      if (!changed) {
        changed = true;
        const moved = await h.request(
          SET_PROFILE,
          { input: profileInput({ regions: ["beijing"] }) },
          coach.token,
        );
        expect(moved.errors).toBeUndefined();
      }
      return state;
    };
    try {
      const result = await h.request(GRAB, { orderId }, coach.token);

      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "NOT_MATCHING" });
      const { order, grabs } = await rowsOf(orderId);
      expect(order.status).toBe("OPEN");
      expect(grabs.map((g) => [g.outcome, g.reason])).toEqual([["REFUSED", "NOT_MATCHING"]]);
    } finally {
      h.deps.grabs.readState = read;
    }
  });
});
