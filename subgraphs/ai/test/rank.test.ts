import { describe, expect, it } from "vitest";
import { type CoachFacts, rankCoaches, WEIGHTS } from "../src/domain/matching/rank.ts";

const order = {
  specialty: "nutrition",
  region: "shanghai",
  minCoachLevel: 2,
  customerId: "c0000000-0000-4000-8000-000000000000",
};
const coach = (id: string, over: Partial<CoachFacts> = {}): CoachFacts => ({
  coachId: `00000000-0000-4000-8000-00000000000${id}`,
  specialties: ["nutrition"],
  regions: ["shanghai"],
  capacity: 4,
  level: 3,
  ratingSum: 0,
  ratingCount: 0,
  activeOrders: 0,
  completedOrders: 0,
  cancelledOrders: 0,
  ...over,
});

describe("smart matching", () => {
  it("scores a coach as the weighted sum of its parts, each explained", () => {
    // Rated 5,5,5 → (5·3.5 + 15)/(5 + 3) = 4.0625 → (4.0625 − 1)/4 = 0.765625; level 3 → 0.5;
    // 1 of 4 in hand → 0.75; 3 completed, 1 cancelled → (3 + 1)/(4 + 2) = 2/3.
    const [only] = rankCoaches(
      order,
      [
        coach("1", {
          ratingSum: 15,
          ratingCount: 3,
          activeOrders: 1,
          completedOrders: 3,
          cancelledOrders: 1,
        }),
      ],
      5,
    );
    const values = Object.fromEntries(only?.parts.map((p) => [p.name, p.value]) ?? []);
    expect(values).toEqual({
      specialty: 1,
      region: 1,
      rating: 0.765625,
      level: 0.5,
      load: 0.75,
      outcomes: 2 / 3,
    });
    for (const p of only?.parts ?? []) {
      expect(p.weight).toBe(WEIGHTS[p.name]);
      expect(p.contribution).toBeCloseTo(p.weight * p.value, 12);
      expect(p.detail.length).toBeGreaterThan(0);
    }
    const byHand = 0.3 + 0.2 + 0.2 * 0.765625 + 0.1 * 0.5 + 0.1 * 0.75 + 0.1 * (2 / 3);
    expect(only?.score).toBeCloseTo(byHand, 12);
  });

  it("leaves out coaches below the level, at capacity, or the customer themself", () => {
    const ranked = rankCoaches(
      order,
      [
        coach("1", { level: 1 }),
        coach("2", { activeOrders: 4 }),
        { ...coach("3"), coachId: order.customerId },
        coach("4", { level: null }),
        coach("5"),
      ],
      10,
    );
    expect(ranked.map((r) => r.coachId)).toEqual([coach("5").coachId]);
  });

  it("is deterministic: ties go to the smaller coach id whatever the input order", () => {
    const coaches = [
      coach("3"),
      coach("1", { regions: ["beijing"] }),
      coach("2"),
      coach("4", { specialties: [] }),
    ];
    const once = rankCoaches(order, coaches, 10);
    const again = rankCoaches(order, [...coaches].reverse(), 10);
    expect(again).toEqual(once);
    expect(once.map((r) => r.coachId.at(-1))).toEqual(["2", "3", "1", "4"]);
    expect(rankCoaches(order, coaches, 2)).toHaveLength(2);
  });
});
