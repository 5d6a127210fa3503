import { describe, expect, it } from "vitest";
import type { AccessDecision } from "../src/domain/access/rules.ts";
import { type AiConsentFacts, narrowForAi, validateAiGrant } from "../src/domain/consent/aiRules.ts";

const now = new Date("2026-06-01T00:00:00.000Z");
const owner = "00000000-0000-4000-8000-000000000001";
const allowed: AccessDecision = {
  allowed: true,
  role: "COACH",
  reason: "consent grant g1",
  grantId: "g1",
  metrics: ["WEIGHT"],
};
const consent = (over: Partial<AiConsentFacts> = {}): AiConsentFacts => ({
  id: "a1",
  ownerId: owner,
  metrics: ["WEIGHT"],
  expiresAt: new Date("2026-07-01T00:00:00.000Z"),
  revokedAt: null,
  ...over,
});

describe("AI consent narrows a read through ai", () => {
  it("keeps an allowed read the owner's live AI consent covers, naming the consent", () => {
    expect(narrowForAi(allowed, owner, "WEIGHT", [consent()], now)).toMatchObject({
      allowed: true,
      role: "COACH",
      reason: "consent grant g1; AI consent a1",
    });
  });

  it("refuses without a live consent covering the metric, keeping the reader's role", () => {
    for (const consents of [
      [],
      [consent({ metrics: ["GLUCOSE"] })],
      [consent({ revokedAt: now })],
      [consent({ expiresAt: now })],
      [consent({ ownerId: "00000000-0000-4000-8000-000000000002" })],
    ]) {
      expect(narrowForAi(allowed, owner, "WEIGHT", consents, now)).toEqual({
        allowed: false,
        role: "COACH",
        reason: "the owner has not allowed AI analysis of WEIGHT",
        grantId: null,
        metrics: null,
      });
    }
  });

  it("never turns a refusal into an allowed read", () => {
    const denied: AccessDecision = {
      allowed: false,
      role: "USER",
      reason: "not the owner",
      grantId: null,
      metrics: null,
    };
    expect(narrowForAi(denied, owner, "WEIGHT", [consent()], now)).toBe(denied);
  });

  it("validates a consent: some metric, in the future, within a year", () => {
    expect(() => validateAiGrant({ metrics: [], expiresAt: new Date("2026-07-01") }, now)).toThrow(
      /input.metrics/,
    );
    expect(() => validateAiGrant({ metrics: ["WEIGHT"], expiresAt: now }, now)).toThrow(/in the future/);
    expect(() => validateAiGrant({ metrics: ["WEIGHT"], expiresAt: new Date("2028-01-01") }, now)).toThrow(
      /one year/,
    );
    expect(
      validateAiGrant({ metrics: ["WEIGHT", "WEIGHT"], expiresAt: new Date("2026-07-01") }, now).metrics,
    ).toEqual(["WEIGHT"]);
  });
});
