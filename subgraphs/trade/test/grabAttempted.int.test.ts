import { randomUUID } from "node:crypto";
import { accountHeldV1, accountReleasedV1, grabAttemptedV1 } from "@health/events/catalog";
import { prepareEvent } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAB, startTradeSubgraph, type TradeHarness } from "./harness.ts";

// Every grab attempt leaves one grab_attempted event (WON, LOST or REFUSED) for ops's velocity rule, and
// a coach ops holds (account_held on the bus, trade's own account_holds) is refused with ACCOUNT_HELD.

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph();
});
afterAll(() => h?.close());

const attemptsOf = async (coachId: string) =>
  (
    await h.db.outboxEvent.findMany({ where: { subject: grabAttemptedV1.subject, aggregateId: coachId } })
  ).map((row) => (row.envelope as { payload: { outcome: string } }).payload.outcome);

describe("grab_attempted", () => {
  it("is written once for a win, a loss and a refusal", async () => {
    const customer = await h.person();
    const [winner, loser] = await Promise.all([h.coachWithProfile(), h.coachWithProfile()]);
    const orderId = await h.openOrder(customer);

    const won = await h.request(GRAB, { orderId }, winner.token);
    expect(won.errors).toBeUndefined();
    const lost = await h.request(GRAB, { orderId }, loser.token);
    expect(lost.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const own = await h.openOrder(loser);
    const refused = await h.request(GRAB, { orderId: own }, loser.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "SELF_GRAB" });

    expect(await attemptsOf(winner.id)).toEqual(["WON"]);
    expect((await attemptsOf(loser.id)).sort()).toEqual(["LOST", "REFUSED"]);
  });
});

describe("a held coach", () => {
  it("is refused with ACCOUNT_HELD (the attempt still recorded) until the hold is released", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile();
    const holdId = randomUUID();
    const at = new Date().toISOString();
    const held = prepareEvent(
      accountHeldV1,
      { holdId, userId: coach.id, alertId: null, reason: "velocity", heldAt: at },
      { aggregateId: coach.id },
    );
    await h.publish(accountHeldV1, held.envelope);
    await eventually(
      () => h.db.accountHold.count({ where: { userId: coach.id, releasedAt: null } }),
      (count) => count === 1,
    );

    const orderId = await h.openOrder(customer);
    const refused = await h.request(GRAB, { orderId }, coach.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ACCOUNT_HELD" });
    expect(refused.errors?.[0]?.message).toMatch(/contact support/i);
    expect(await attemptsOf(coach.id)).toEqual(["REFUSED"]);
    const order = await h.db.serviceOrder.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.status).toBe("OPEN");

    const released = prepareEvent(
      accountReleasedV1,
      { holdId, userId: coach.id, releasedBy: randomUUID(), releasedAt: new Date().toISOString() },
      { aggregateId: coach.id },
    );
    await h.publish(accountReleasedV1, released.envelope);
    await eventually(
      () => h.db.accountHold.count({ where: { userId: coach.id, releasedAt: null } }),
      (count) => count === 0,
    );
    const allowed = await h.request(GRAB, { orderId }, coach.token);
    expect(allowed.errors).toBeUndefined();
  });
});
