import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeUnconfirmedOrders } from "../src/domain/orders/completion.ts";
import { expireOverdueOrders } from "../src/domain/orders/orders.ts";
import {
  CREATE_ORDER,
  GRAB,
  orderInput,
  startTradeSubgraph,
  type TradeHarness,
  UPDATE_STATUS,
} from "./harness.ts";

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph();
});
afterAll(() => h?.close());

const CONFIRM = `mutation Confirm($orderId: ID!) { confirmOrderCompletion(orderId: $orderId) { id status } }`;
const DISPUTE = `mutation Dispute($orderId: ID!, $reason: String!) {
  disputeOrder(orderId: $orderId, reason: $reason) { id status }
}`;

const subjectsOf = async (orderId: string) =>
  (await h.db.outboxEvent.findMany({ where: { aggregateId: orderId } })).map((row) => row.subject);

/** An order `coach` grabbed, started and marked done: waiting for `customer` to confirm. */
async function awaitingConfirmation(customer: { token: string }, coach: { token: string }) {
  const orderId = await h.openOrder(customer);
  const grabbed = await h.request(GRAB, { orderId }, coach.token);
  if (grabbed.errors) throw new Error(JSON.stringify(grabbed.errors));
  for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION"]) {
    const moved = await h.request(UPDATE_STATUS, { orderId, status }, coach.token);
    if (moved.errors) throw new Error(JSON.stringify(moved.errors));
  }
  return orderId;
}

const BOOK = `mutation Book($orderId: ID!, $startsAt: DateTimeISO!) {
  bookAppointment(orderId: $orderId, startsAt: $startsAt) { id startsAt endsAt coach { id } }
}`;

describe("service offerings", () => {
  it("lets a coach offer a service priced in integers, listed by filter", async () => {
    const coach = await h.person(["coach"]);
    const create = await h.request<{ createServiceOffering: Record<string, unknown> }>(
      `mutation { createServiceOffering(input: { serviceType: "rehab-session", specialty: "Rehab",
        priceAmount: 30000, durationMinutes: 45, region: "Beijing" }) { specialty region priceAmount currency coach { id } } }`,
      {},
      coach.token,
    );
    expect(create.errors).toBeUndefined();
    expect(create.data?.createServiceOffering).toEqual({
      specialty: "rehab",
      region: "beijing",
      priceAmount: 30000,
      currency: "CNY",
      coach: { id: coach.id },
    });
    const list = await h.request<{ serviceOfferings: { nodes: unknown[] } }>(
      `{ serviceOfferings(filter: { specialty: "rehab", region: "beijing" }) { nodes { serviceType } } }`,
    );
    expect(list.data?.serviceOfferings.nodes).toEqual([{ serviceType: "rehab-session" }]);
    const mine = await h.request<{ myServiceOfferings: { nodes: unknown[] } }>(
      "{ myServiceOfferings { nodes { serviceType } } }",
      {},
      coach.token,
    );
    expect(mine.data?.myServiceOfferings.nodes).toHaveLength(1);
    const customer = await h.person();
    const refused = await h.request(
      `mutation { createServiceOffering(input: { serviceType: "x", specialty: "x", priceAmount: 1, durationMinutes: 30, region: "x" }) { id } }`,
      {},
      customer.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("order lifecycle", () => {
  it("goes OPEN → ASSIGNED → IN_SERVICE → AWAITING_CONFIRMATION → COMPLETED (the customer confirms) with events, and names the state on an illegal move", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile();
    const orderId = await h.openOrder(customer);

    const grab = await h.request<{ grabOrder: Record<string, unknown> }>(GRAB, { orderId }, coach.token);
    expect(grab.data?.grabOrder).toEqual({ id: orderId, status: "ASSIGNED", coach: { id: coach.id } });

    const early = await h.request(UPDATE_STATUS, { orderId, status: "AWAITING_CONFIRMATION" }, coach.token);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "ASSIGNED" });
    expect(early.errors?.[0]?.message).toContain("is ASSIGNED");

    const start = await h.request(UPDATE_STATUS, { orderId, status: "IN_SERVICE" }, coach.token);
    expect(start.data).toEqual({ updateOrderStatus: { id: orderId, status: "IN_SERVICE" } });
    const cancel = await h.request(
      `mutation { cancelOrder(orderId: "${orderId}") { status } }`,
      {},
      customer.token,
    );
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "IN_SERVICE" });

    // The coach alone cannot complete it (issue 16.5): neither directly nor by confirming.
    const selfCompleted = await h.request(UPDATE_STATUS, { orderId, status: "COMPLETED" }, coach.token);
    expect(selfCompleted.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const markedAt = Date.now();
    const done = await h.request<{ updateOrderStatus: { status: string } }>(
      UPDATE_STATUS,
      { orderId, status: "AWAITING_CONFIRMATION" },
      coach.token,
    );
    expect(done.data?.updateOrderStatus.status).toBe("AWAITING_CONFIRMATION");
    const marked = await h.db.serviceOrder.findUniqueOrThrow({ where: { id: orderId } });
    expect(marked.completedAt).toBeNull();
    const windowMs = marked.confirmationDeadline!.getTime() - marked.completedByCoachAt!.getTime();
    expect(windowMs).toBe(72 * 3_600_000);
    expect(marked.completedByCoachAt!.getTime()).toBeGreaterThanOrEqual(markedAt - 1_000);
    const coachConfirms = await h.request(CONFIRM, { orderId }, coach.token);
    expect(coachConfirms.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await subjectsOf(orderId)).not.toContain("trade.service_completed.v1");

    const confirmed = await h.request(CONFIRM, { orderId }, customer.token);
    expect(confirmed.data).toEqual({ confirmOrderCompletion: { id: orderId, status: "COMPLETED" } });
    const again = await h.request(CONFIRM, { orderId }, customer.token);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "COMPLETED" });

    const rows = await h.db.outboxEvent.findMany({ where: { aggregateId: orderId }, orderBy: { id: "asc" } });
    expect(rows.map((row) => row.subject)).toEqual([
      "trade.order_payment_requested.v1",
      "trade.order_created.v1",
      "trade.order_assigned.v1",
      "trade.service_completed.v1",
    ]);
    expect((rows[3]!.envelope as { payload: Record<string, unknown> }).payload).toMatchObject({
      orderId,
      userId: customer.id,
      healthWorkerId: coach.id,
      rating: null,
      priceAmount: 19_900,
      currency: "CNY",
    });
  });

  it("completes by itself once the confirmation window passed; a dispute inside it stops that and waits for an operator", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile();
    const unanswered = await awaitingConfirmation(customer, coach);
    const disputed = await awaitingConfirmation(customer, coach);

    const noReason = await h.request(DISPUTE, { orderId: disputed, reason: "  " }, customer.token);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const byCoach = await h.request(DISPUTE, { orderId: disputed, reason: "x" }, coach.token);
    expect(byCoach.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const dispute = await h.request(
      DISPUTE,
      { orderId: disputed, reason: "The coach never came." },
      customer.token,
    );
    expect(dispute.data).toEqual({ disputeOrder: { id: disputed, status: "DISPUTED" } });

    const deadline = (await h.db.serviceOrder.findUniqueOrThrow({ where: { id: unanswered } }))
      .confirmationDeadline!;
    expect(await completeUnconfirmedOrders(h.deps, new Date(deadline.getTime() - 1))).toEqual([]);
    const swept = await completeUnconfirmedOrders(h.deps, new Date(deadline.getTime() + 60_000));

    expect(swept.map((order) => order.id)).toEqual([unanswered]);
    expect(await subjectsOf(unanswered)).toContain("trade.service_completed.v1");
    const stillDisputed = await h.db.serviceOrder.findUniqueOrThrow({ where: { id: disputed } });
    expect(stillDisputed).toMatchObject({ status: "DISPUTED", disputeReason: "The coach never came." });
    expect(await subjectsOf(disputed)).not.toContain("trade.service_completed.v1");
    const customerCloses = await h.request(CONFIRM, { orderId: disputed }, customer.token);
    expect(customerCloses.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // An operator resolves the dispute: ops's audit log hears who decided it, with the order's events.
    const operator = await h.person(["user", "admin"]);
    const resolved = await h.request(
      "mutation($id: ID!) { updateOrderStatus(orderId: $id, status: CANCELLED) { status } }",
      { id: disputed },
      operator.token,
    );
    expect(resolved.errors).toBeUndefined();
    const decision = await h.db.outboxEvent.findFirst({
      where: { subject: "trade.admin_action_recorded.v1", aggregateId: disputed },
    });
    expect(decision?.envelope).toMatchObject({
      actorId: operator.id,
      payload: {
        action: "set_order_status",
        subjectType: "Order",
        details: { from: "DISPUTED", to: "CANCELLED" },
      },
    });
  });

  it("refuses a dispute once the confirmation window closed", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile();
    const orderId = await awaitingConfirmation(customer, coach);
    await h.db.serviceOrder.update({
      where: { id: orderId },
      data: { confirmationDeadline: new Date(Date.now() - 1_000) },
    });

    const late = await h.request(DISPUTE, { orderId, reason: "Too late?" }, customer.token);

    expect(late.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      currentState: "AWAITING_CONFIRMATION",
    });
    expect((await h.db.serviceOrder.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(
      "AWAITING_CONFIRMATION",
    );
  });

  it("lets only the customer cancel, and shows an order to its parties only", async () => {
    const customer = await h.person();
    const stranger = await h.person();
    const orderId = await h.openOrder(customer);
    const read = `{ serviceOrder(id: "${orderId}") { id status customer { id } } }`;
    expect((await h.request(read, {}, stranger.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await h.request(read, {}, customer.token)).data).toMatchObject({
      serviceOrder: { id: orderId, customer: { id: customer.id } },
    });
    const cancel = await h.request(
      `mutation { cancelOrder(orderId: "${orderId}") { status } }`,
      {},
      customer.token,
    );
    expect(cancel.data).toEqual({ cancelOrder: { status: "CANCELLED" } });
    const again = await h.request(
      `mutation { cancelOrder(orderId: "${orderId}") { status } }`,
      {},
      customer.token,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "CANCELLED" });
  });

  it("rejects bad input before writing anything", async () => {
    const customer = await h.person();
    const before = await h.db.serviceOrder.count();
    const result = await h.request(CREATE_ORDER, { input: orderInput({ currency: "RMB!" }) }, customer.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.currency" });
    expect(await h.db.serviceOrder.count()).toBe(before);
  });

  it("refuses a grab that does not match (FORBIDDEN) or is over capacity (CONFLICT), recording each attempt", async () => {
    const customer = await h.person();
    const far = await h.coachWithProfile({ regions: ["beijing"] });
    const busy = await h.coachWithProfile({ capacity: 1 });
    const first = await h.openOrder(customer);
    const second = await h.openOrder(customer);
    const mismatch = await h.request(GRAB, { orderId: first }, far.token);
    expect(mismatch.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(mismatch.errors?.[0]?.message).toContain('region "shanghai"');
    expect((await h.request(GRAB, { orderId: first }, busy.token)).errors).toBeUndefined();
    const full = await h.request(GRAB, { orderId: second }, busy.token);
    expect(full.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "OVER_CAPACITY" });
    const attempts = await h.db.grabRequest.findMany({ where: { orderId: { in: [first, second] } } });
    expect(attempts.map((a) => a.outcome).sort()).toEqual(["REFUSED", "REFUSED", "WON"]);
    const available = await h.request<{ availableOrders: { nodes: unknown[] } }>(
      "{ availableOrders { nodes { id } } }",
      {},
      busy.token,
    );
    expect(available.data?.availableOrders.nodes).toEqual([]);
  });

  it("lists a coach's grabbable orders only", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile({ specialties: ["sleep"], regions: ["hangzhou"], level: 2 });
    const fits = await h.openOrder(customer, { specialty: "sleep", region: "hangzhou", minCoachLevel: 2 });
    await h.openOrder(customer, { specialty: "sleep", region: "hangzhou", minCoachLevel: 3 });
    await h.openOrder(customer, { specialty: "sleep", region: "suzhou", minCoachLevel: 1 });
    const available = await h.request<{ availableOrders: { nodes: Array<{ id: string }> } }>(
      "{ availableOrders { nodes { id } } }",
      {},
      coach.token,
    );
    expect(available.data?.availableOrders.nodes).toEqual([{ id: fits }]);
  });
});

describe("grab deadline", () => {
  it("expires an OPEN order whose deadline passed: grabs get CONFLICT EXPIRED, the sweeper marks the rest", async () => {
    const customer = await h.person();
    const me = await h.coachWithProfile();
    const soon = () => new Date(Date.now() + 1_000).toISOString();
    const grabbed = await h.openOrder(customer, { grabDeadline: soon() });
    const swept = await h.openOrder(customer, { grabDeadline: soon() });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const late = await h.request(GRAB, { orderId: grabbed }, me.token);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "EXPIRED" });
    const expired = await expireOverdueOrders(h.deps, new Date());
    expect(expired.map((o) => o.id)).toEqual([swept]);
    expect(expired[0]?.status).toBe("EXPIRED");
  });
});

describe("appointments", () => {
  it("books the order's duration and never double-books a coach, even concurrently", async () => {
    const coach = await h.coachWithProfile({ capacity: 5 });
    const customers = await Promise.all([h.person(), h.person(), h.person()]);
    const orders: string[] = [];
    for (const customer of customers) {
      const id = await h.openOrder(customer, { durationMinutes: 90 });
      expect((await h.request(GRAB, { orderId: id }, coach.token)).errors).toBeUndefined();
      orders.push(id);
    }
    const at = new Date(Date.now() + 86_400_000);
    at.setUTCMinutes(0, 0, 0);
    const results = await Promise.all(
      orders.map((orderId, i) =>
        h.request<{ bookAppointment: { endsAt: string } }>(
          BOOK,
          { orderId, startsAt: new Date(at.getTime() + i * 30 * 60_000).toISOString() },
          customers[i]!.token,
        ),
      ),
    );
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.errors)) {
      expect(lost.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(lost.errors?.[0]?.message).toContain("already has an appointment overlapping");
    }
    expect(await h.db.appointment.count({ where: { coachId: coach.id } })).toBe(1);
    const index = results.findIndex((r) => !r.errors);
    const later = (index + 1) % 3;
    const free = await h.request(
      BOOK,
      { orderId: orders[later], startsAt: new Date(at.getTime() + 5 * 3_600_000).toISOString() },
      coach.token,
    );
    expect(free.errors).toBeUndefined();
  });

  it("books only ASSIGNED orders, by their customer or coach", async () => {
    const customer = await h.person();
    const orderId = await h.openOrder(customer);
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const open = await h.request(BOOK, { orderId, startsAt }, customer.token);
    expect(open.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "OPEN" });
  });
});
