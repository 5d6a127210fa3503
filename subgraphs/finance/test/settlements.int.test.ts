import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postCapture } from "../src/domain/payments/ledgerPostings.ts";
import { settleOrderPayment } from "../src/domain/settlements/settle.ts";
import { type FinanceHarness, startFinanceSubgraph } from "./harness.ts";

let h: FinanceHarness;
beforeAll(async () => {
  h = await startFinanceSubgraph();
});
afterAll(async () => {
  await h?.close();
});

/** A captured payment for an order, as the saga leaves it: the amount moved clearing → PLATFORM_REVENUE. */
async function capturedPayment(amount: number, currency = "CNY") {
  const payment = await h.db.payment.create({
    data: {
      payerId: randomUUID(),
      amount,
      currency,
      reference: randomUUID(),
      provider: "local",
      status: "CAPTURED",
      capturedAmount: amount,
    },
  });
  await h.db.$transaction((tx) => postCapture(tx, payment, amount));
  return { orderId: payment.reference, paymentId: payment.id, amount, currency };
}

const balanceOf = async (
  owner: string,
  kind: "COACH_PAYABLE" | "PLATFORM_FEES" | "PLATFORM_REVENUE",
  unit = "CNY",
) =>
  (await h.db.ledgerAccount.findUnique({ where: { owner_kind_unit: { owner, kind, unit } } }))?.balance ?? 0n;

describe("settleOrderPayment", () => {
  it("splits the captured amount into the coach's payout and the platform's fee, once per order", async () => {
    const coachId = randomUUID();
    const payment = await capturedPayment(19_999);
    const revenueBefore = await balanceOf("platform", "PLATFORM_REVENUE");
    const feesBefore = await balanceOf("platform", "PLATFORM_FEES");

    const settled = await h.db.$transaction((tx) =>
      settleOrderPayment(tx, { ...payment, coachId, feeBps: 2000 }),
    );
    // 20 % of 19,999 is 3,999.8: the platform keeps 3,999, the coach gets the rest.
    expect(settled).toEqual({ coachPayout: 16_000, platformFee: 3_999 });
    expect(settled && settled.coachPayout + settled.platformFee).toBe(payment.amount);

    expect(await balanceOf(coachId, "COACH_PAYABLE")).toBe(16_000n);
    expect((await balanceOf("platform", "PLATFORM_FEES")) - feesBefore).toBe(3_999n);
    expect((await balanceOf("platform", "PLATFORM_REVENUE")) - revenueBefore).toBe(-19_999n);

    const transfer = await h.db.ledgerTransfer.findUniqueOrThrow({
      where: { sourceRef: `settlement:order:${payment.orderId}` },
      include: { entries: { include: { account: true } } },
    });
    expect(transfer.kind).toBe("SETTLEMENT");
    expect(transfer.entries.reduce((sum, entry) => sum + entry.amount, 0n)).toBe(0n);
    expect(transfer.entries.map((entry) => [entry.account.kind, entry.amount]).sort()).toEqual([
      ["COACH_PAYABLE", 16_000n],
      ["PLATFORM_FEES", 3_999n],
      ["PLATFORM_REVENUE", -19_999n],
    ]);
    const row = await h.db.settlement.findUniqueOrThrow({ where: { orderId: payment.orderId } });
    expect(row).toMatchObject({
      paymentId: payment.paymentId,
      coachId,
      amount: 19_999,
      coachPayout: 16_000,
      platformFee: 3_999,
      feeBps: 2000,
      currency: "CNY",
      transferId: transfer.id,
      settledAt: transfer.createdAt,
    });

    // A second call (a redelivered service_completed) settles nothing.
    const again = await h.db.$transaction((tx) =>
      settleOrderPayment(tx, { ...payment, coachId, feeBps: 2000 }),
    );
    expect(again).toBeNull();
    expect(await h.db.settlement.count({ where: { orderId: payment.orderId } })).toBe(1);
    expect(await balanceOf(coachId, "COACH_PAYABLE")).toBe(16_000n);
  });

  it("settles an order once when two handlers race for it", async () => {
    const coachId = randomUUID();
    const payment = await capturedPayment(5_000);
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        h.db.$transaction((tx) => settleOrderPayment(tx, { ...payment, coachId, feeBps: 2000 })),
      ),
    );
    expect(results.filter((result) => result !== null)).toEqual([{ coachPayout: 4_000, platformFee: 1_000 }]);
    expect(await balanceOf(coachId, "COACH_PAYABLE")).toBe(4_000n);
  });

  it("refuses bad input before any write", async () => {
    const payment = await capturedPayment(100);
    const entries = await h.db.ledgerEntry.count();
    await expect(
      h.db.$transaction((tx) =>
        settleOrderPayment(tx, { ...payment, coachId: randomUUID(), feeBps: 10_001 }),
      ),
    ).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.feeBps" } });
    await expect(
      h.db.$transaction((tx) => settleOrderPayment(tx, { ...payment, coachId: "nobody", feeBps: 2000 })),
    ).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.coachId" } });
    expect(await h.db.ledgerEntry.count()).toBe(entries);
  });
});
