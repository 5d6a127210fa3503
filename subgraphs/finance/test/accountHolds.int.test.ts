import { randomUUID } from "node:crypto";
import { accountHeldV1, accountReleasedV1 } from "@health/events/catalog";
import { prepareEvent } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_PAYMENT, type FinanceHarness, startFinanceSubgraph } from "./harness.ts";

// ops's holds in finance's own account_holds (fed by account_held / account_released on the bus): a
// held account starts no payment; released, it pays again.

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph();
});
afterAll(() => h?.close());

const heldCount = (userId: string) => h.db.accountHold.count({ where: { userId, releasedAt: null } });
const pay = (token: string) =>
  h.request(
    CREATE_PAYMENT,
    { input: { idempotencyKey: randomUUID(), amount: 900, currency: "CNY", reference: "order-1" } },
    token,
  );

describe("a held account's payments", () => {
  it("are refused with ACCOUNT_HELD, nothing written, until the hold is released", async () => {
    const payer = await h.person();
    const holdId = randomUUID();
    const held = prepareEvent(
      accountHeldV1,
      {
        holdId,
        userId: payer.id,
        alertId: null,
        reason: "AMOUNT_THRESHOLD",
        heldAt: new Date().toISOString(),
      },
      { aggregateId: payer.id },
    );
    await h.publish(accountHeldV1, held.envelope);
    await eventually(
      () => heldCount(payer.id),
      (n) => n === 1,
    );

    const refused = await pay(payer.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ACCOUNT_HELD" });
    expect(refused.errors?.[0]?.message).toMatch(/contact support/i);
    expect(await h.db.payment.count({ where: { payerId: payer.id } })).toBe(0);

    const released = prepareEvent(
      accountReleasedV1,
      { holdId, userId: payer.id, releasedBy: randomUUID(), releasedAt: new Date().toISOString() },
      { aggregateId: payer.id },
    );
    await h.publish(accountReleasedV1, released.envelope);
    await eventually(
      () => heldCount(payer.id),
      (n) => n === 0,
    );
    expect((await pay(payer.token)).errors).toBeUndefined();
  });
});
