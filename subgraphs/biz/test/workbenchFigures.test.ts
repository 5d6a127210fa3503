import { describe, expect, it } from "vitest";
import { type OrderFacts, workbenchFigures } from "../src/domain/workbench/figures.ts";

const at = (iso: string) => new Date(iso);
const period = { from: at("2026-05-01T00:00:00Z"), to: at("2026-05-04T00:00:00Z") };
const order = (facts: Partial<OrderFacts>): OrderFacts => ({
  assignedAt: null,
  completedAt: null,
  cancelledAt: null,
  priceAmount: null,
  currency: null,
  settledAt: null,
  payoutAmount: null,
  payoutCurrency: null,
  ...facts,
});

describe("workbenchFigures", () => {
  it("puts each transition on its UTC day and sums completed prices per currency", () => {
    const figures = workbenchFigures(
      period,
      [
        order({
          assignedAt: at("2026-05-01T08:00:00Z"),
          completedAt: at("2026-05-02T09:00:00Z"),
          priceAmount: 19_900,
          currency: "CNY",
        }),
        order({
          assignedAt: at("2026-05-02T10:00:00Z"),
          completedAt: at("2026-05-02T23:59:59Z"),
          priceAmount: 100,
          currency: "CNY",
        }),
        order({
          assignedAt: at("2026-05-03T10:00:00Z"),
          completedAt: at("2026-05-03T11:00:00Z"),
          priceAmount: 500,
          currency: "USD",
        }),
        order({ assignedAt: at("2026-05-03T12:00:00Z"), cancelledAt: at("2026-05-03T13:00:00Z") }),
      ],
      [],
    );
    expect(figures.orders).toEqual({ assigned: 4, completed: 3, cancelled: 1 });
    expect(figures.revenue).toEqual([
      { currency: "CNY", amount: 20_000, count: 2 },
      { currency: "USD", amount: 500, count: 1 },
    ]);
    expect(figures.days.map((day) => day.date)).toEqual(["2026-05-01", "2026-05-02", "2026-05-03"]);
    expect(figures.days[0]).toEqual({
      date: "2026-05-01",
      orders: { assigned: 1, completed: 0, cancelled: 0 },
      revenue: [],
      payouts: [],
      giftsReceived: [],
    });
    expect(figures.days[1]?.revenue).toEqual([{ currency: "CNY", amount: 20_000, count: 2 }]);
    expect(figures.days[2]?.orders).toEqual({ assigned: 2, completed: 1, cancelled: 1 });
  });

  it("leaves out transitions outside the period, and never counts a completed order as cancelled", () => {
    const figures = workbenchFigures(
      period,
      [
        order({
          assignedAt: at("2026-04-30T23:59:59Z"),
          completedAt: at("2026-05-01T00:00:00Z"),
          priceAmount: 10,
          currency: "CNY",
        }),
        order({
          assignedAt: at("2026-05-03T00:00:00Z"),
          completedAt: at("2026-05-04T00:00:00Z"),
          priceAmount: 99,
          currency: "CNY",
        }),
        order({
          completedAt: at("2026-05-02T00:00:00Z"),
          cancelledAt: at("2026-05-02T01:00:00Z"),
          priceAmount: 5,
          currency: "CNY",
        }),
      ],
      [],
    );
    expect(figures.orders).toEqual({ assigned: 1, completed: 2, cancelled: 0 });
    expect(figures.revenue).toEqual([{ currency: "CNY", amount: 15, count: 2 }]);
  });

  it("sums gifts received per currency, counting their quantity", () => {
    const figures = workbenchFigures(
      period,
      [],
      [
        { sentAt: at("2026-05-01T01:00:00Z"), quantity: 3, amount: 30, currency: "POINTS" },
        { sentAt: at("2026-05-01T02:00:00Z"), quantity: 1, amount: 50, currency: "POINTS" },
        { sentAt: at("2026-05-05T02:00:00Z"), quantity: 1, amount: 50, currency: "POINTS" },
      ],
    );
    expect(figures.giftsReceived).toEqual([{ currency: "POINTS", amount: 80, count: 4 }]);
    expect(figures.days[0]?.giftsReceived).toEqual([{ currency: "POINTS", amount: 80, count: 4 }]);
    expect(figures.orders).toEqual({ assigned: 0, completed: 0, cancelled: 0 });
  });

  it("puts a payout on the day its order was settled", () => {
    const figures = workbenchFigures(
      period,
      [
        order({
          completedAt: at("2026-05-01T22:00:00Z"),
          priceAmount: 10_000,
          currency: "CNY",
          settledAt: at("2026-05-02T00:00:01Z"),
          payoutAmount: 8_000,
          payoutCurrency: "CNY",
        }),
        order({ settledAt: at("2026-05-09T00:00:00Z"), payoutAmount: 1, payoutCurrency: "CNY" }),
      ],
      [],
    );
    expect(figures.payouts).toEqual([{ currency: "CNY", amount: 8_000, count: 1 }]);
    expect(figures.days[0]?.payouts).toEqual([]);
    expect(figures.days[1]?.payouts).toEqual([{ currency: "CNY", amount: 8_000, count: 1 }]);
  });
});
