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

const REPORT = `query Report($from: DateTimeISO!, $to: DateTimeISO!, $coachId: ID, $first: Int, $after: String) {
  settlementReport(from: $from, to: $to, coachId: $coachId, first: $first, after: $after) {
    coachId
    totals { currency ordersSettled grossAmount coachPayout platformFee }
    nodes { orderId coachId amount coachPayout platformFee currency }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface Totals {
  currency: string;
  ordersSettled: number;
  grossAmount: number;
  coachPayout: number;
  platformFee: number;
}
interface Report {
  settlementReport: {
    coachId: string | null;
    totals: Totals[];
    nodes: { orderId: string; coachId: string }[];
    pageInfo: { endCursor: string; hasNextPage: boolean };
  };
}

/**
 * The ledger's own totals over [from, to): per unit, the SETTLEMENT transfers' entries on COACH_PAYABLE and
 * PLATFORM_FEES (and what left PLATFORM_REVENUE), only the transfers paying `coachId` when given.
 */
async function ledgerTotals(from: Date, to: Date, coachId: string | null): Promise<Totals[]> {
  const rows = await h.db.$queryRaw<
    { unit: string; orders: bigint; gross: bigint; payout: bigint; fee: bigint }[]
  >`SELECT a.unit,
           COUNT(DISTINCT t.id) AS orders,
           -SUM(e.amount) FILTER (WHERE a.kind = 'PLATFORM_REVENUE') AS gross,
           COALESCE(SUM(e.amount) FILTER (WHERE a.kind = 'COACH_PAYABLE'), 0) AS payout,
           COALESCE(SUM(e.amount) FILTER (WHERE a.kind = 'PLATFORM_FEES'), 0) AS fee
      FROM ledger_transfers t
      JOIN ledger_entries e ON e.transfer_id = t.id
      JOIN ledger_accounts a ON a.id = e.account_id
     WHERE t.kind = 'SETTLEMENT' AND t.created_at >= ${from} AND t.created_at < ${to}
       AND (${coachId}::text IS NULL OR EXISTS (
             SELECT 1 FROM ledger_entries pe JOIN ledger_accounts pa ON pa.id = pe.account_id
              WHERE pe.transfer_id = t.id AND pa.kind = 'COACH_PAYABLE' AND pa.owner = ${coachId}::text))
     GROUP BY a.unit ORDER BY a.unit`;
  return rows.map((row) => ({
    currency: row.unit,
    ordersSettled: Number(row.orders),
    grossAmount: Number(row.gross),
    coachPayout: Number(row.payout),
    platformFee: Number(row.fee),
  }));
}

describe("settlementReport", () => {
  it("gives a coach their own totals per currency, equal to the ledger's; an admin every coach's", async () => {
    const from = new Date(Date.now() - 60_000);
    const ann = await h.person(["user", "coach"]);
    const ben = await h.person(["user", "coach"]);
    const admin = await h.person(["user", "admin"]);
    const settle = async (coachId: string, amount: number, currency = "CNY") => {
      const payment = await capturedPayment(amount, currency);
      await h.db.$transaction((tx) => settleOrderPayment(tx, { ...payment, coachId, feeBps: 2000 }));
    };
    await settle(ann.id, 19_900);
    await settle(ann.id, 999);
    await settle(ann.id, 5_000, "USD");
    await settle(ben.id, 30_000);
    const to = new Date(Date.now() + 60_000);
    const period = { from: from.toISOString(), to: to.toISOString() };

    const own = await h.request<Report>(REPORT, period, ann.token);
    expect(own.errors).toBeUndefined();
    expect(own.data?.settlementReport.coachId).toBe(ann.id);
    expect(own.data?.settlementReport.totals).toEqual([
      { currency: "CNY", ordersSettled: 2, grossAmount: 20_899, coachPayout: 16_720, platformFee: 4_179 },
      { currency: "USD", ordersSettled: 1, grossAmount: 5_000, coachPayout: 4_000, platformFee: 1_000 },
    ]);
    expect(own.data?.settlementReport.totals).toEqual(await ledgerTotals(from, to, ann.id));
    for (const { grossAmount, coachPayout, platformFee } of own.data?.settlementReport.totals ?? []) {
      expect(coachPayout + platformFee).toBe(grossAmount);
    }
    expect(own.data?.settlementReport.nodes.every((row) => row.coachId === ann.id)).toBe(true);

    const all = await h.request<Report>(REPORT, period, admin.token);
    expect(all.data?.settlementReport.coachId).toBeNull();
    expect(all.data?.settlementReport.totals).toEqual(await ledgerTotals(from, to, null));
    const cny = all.data?.settlementReport.totals.find((total) => total.currency === "CNY");
    expect(cny?.ordersSettled).toBeGreaterThanOrEqual(3);
    const bens = await h.request<Report>(REPORT, { ...period, coachId: ben.id }, admin.token);
    expect(bens.data?.settlementReport.totals).toEqual([
      { currency: "CNY", ordersSettled: 1, grossAmount: 30_000, coachPayout: 24_000, platformFee: 6_000 },
    ]);

    // A period before them counts none of them.
    const before = await h.request<Report>(
      REPORT,
      { from: new Date(from.getTime() - 86_400_000).toISOString(), to: from.toISOString() },
      ann.token,
    );
    expect(before.data?.settlementReport.totals).toEqual([]);
  });

  it("pages the rows newest first while the totals cover the whole period", async () => {
    const from = new Date(Date.now() - 60_000);
    const cy = await h.person(["user", "coach"]);
    for (const amount of [100, 200, 300]) {
      const payment = await capturedPayment(amount);
      await h.db.$transaction((tx) => settleOrderPayment(tx, { ...payment, coachId: cy.id, feeBps: 2000 }));
    }
    const period = { from: from.toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const first = await h.request<Report>(REPORT, { ...period, first: 2 }, cy.token);
    expect(first.data?.settlementReport.nodes).toHaveLength(2);
    expect(first.data?.settlementReport.pageInfo.hasNextPage).toBe(true);
    expect(first.data?.settlementReport.totals[0]?.grossAmount).toBe(600);
    const second = await h.request<Report>(
      REPORT,
      { ...period, first: 2, after: first.data?.settlementReport.pageInfo.endCursor },
      cy.token,
    );
    expect(second.data?.settlementReport.nodes).toHaveLength(1);
    const seen = [
      ...(first.data?.settlementReport.nodes ?? []),
      ...(second.data?.settlementReport.nodes ?? []),
    ];
    expect(new Set(seen.map((row) => row.orderId)).size).toBe(3);
  });

  it("refuses another coach's report, a caller who is no coach, and a period backwards", async () => {
    const ann = await h.person(["user", "coach"]);
    const ben = await h.person(["user", "coach"]);
    const user = await h.person();
    const period = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() };
    const prying = await h.request(REPORT, { ...period, coachId: ann.id }, ben.token);
    expect(prying.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const notCoach = await h.request(REPORT, period, user.token);
    expect(notCoach.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const backwards = await h.request(REPORT, { from: period.to, to: period.from }, ann.token);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
  });
});
