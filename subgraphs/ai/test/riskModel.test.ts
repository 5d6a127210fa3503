import { describe, expect, it } from "vitest";
import { bandOf, type Observation, RISK_MODEL, scoreRisk, shouldAnnounce } from "../src/domain/risk/model.ts";

const now = new Date("2026-12-07T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const grabs = (count: number, kind: Observation["kind"] = "GRAB_LOST", spreadMs = 1_000): Observation[] =>
  Array.from({ length: count }, (_, i) => ({ kind, amount: 0, occurredAt: ago(i * spreadMs) }));
const feature = (observations: Observation[], name: string) =>
  scoreRisk(observations, now).features.find((f) => f.name === name);

describe("scoreRisk (risk-logistic@1)", () => {
  it("scores a user with no history at 100·σ(bias + the features' resting contributions)", () => {
    const result = scoreRisk([], now);
    // Contributions at rest: grabs 0.9·(0−1)/2 = −0.45, ratio 0 (0.5 by rule), payment 0, failed 0.9·(0−0.2) = −0.18, gifts 0.4·(0−1)/3 = −0.133.
    expect(result.features.map((f) => f.contribution)).toEqual([-0.45, 0, 0, -0.18, -0.133]);
    const logit = -4 - 0.45 - 0.18 - 0.133;
    expect(result.score).toBe(Math.round(100 / (1 + Math.exp(-logit))));
    expect(result.score).toBe(1);
    expect(result).toMatchObject({ band: "LOW", model: RISK_MODEL });
  });

  it("counts grab attempts in the last minute only, and drives the score HIGH on a burst of lost grabs", () => {
    const burst = grabs(20);
    expect(
      feature(
        [...burst, ...grabs(5, "GRAB_WON", 0).map((o) => ({ ...o, occurredAt: ago(61_000) }))],
        "grab_attempts_per_minute",
      )?.value,
    ).toBe(20);
    // 20 in a minute: 0.9·(20−1)/2 = 8.55; all lost: ratio 1 → 0.6·(1−0.5)/0.2 = 1.5.
    const result = scoreRisk(burst, now);
    expect(feature(burst, "grab_attempts_per_minute")?.contribution).toBe(8.55);
    expect(feature(burst, "grab_refused_or_lost_ratio_1h")?.contribution).toBe(1.5);
    const logit = -4 + 8.55 + 1.5 + 0 - 0.18 - 0.133;
    expect(result.score).toBe(Math.round(100 / (1 + Math.exp(-logit))));
    expect(result.band).toBe("HIGH");
  });

  it("reads the latest payment against the user's earlier ones, only with three of them", () => {
    const history = [1000, 1200, 800].map((amount, i) => ({
      kind: "PAYMENT" as const,
      amount,
      occurredAt: ago((i + 2) * 3_600_000),
    }));
    const big = { kind: "PAYMENT" as const, amount: 5000, occurredAt: ago(60_000) };
    // mean 1000, population sd ≈ 163.3: (5000−1000)/163.3 ≈ 24.5, clamped at 10.
    expect(feature([...history, big], "payment_amount_vs_history")?.value).toBe(10);
    expect(feature([...history.slice(1), big], "payment_amount_vs_history")?.value).toBe(0);
  });

  it("ignores observations after `now` (a late event scores as of its own time)", () => {
    const future = grabs(10).map((o) => ({ ...o, occurredAt: new Date(now.getTime() + 1_000) }));
    expect(feature(future, "grab_attempts_per_minute")?.value).toBe(0);
  });
});

describe("bands and announcements", () => {
  it("puts 40 in MEDIUM and 70 in HIGH, and announces only a change of band", () => {
    expect([0, 39, 40, 69, 70, 100].map(bandOf)).toEqual(["LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH"]);
    expect(shouldAnnounce("LOW", "LOW")).toBe(false);
    expect(shouldAnnounce("HIGH", "HIGH")).toBe(false);
    expect(shouldAnnounce("MEDIUM", "LOW")).toBe(true);
    expect(shouldAnnounce("LOW", "HIGH")).toBe(true);
  });
});
