import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { alertStateMachine } from "../src/domain/risk/alertStateMachine.ts";
import {
  decideAmount,
  decideChatSpam,
  decideFailedLogins,
  decideNewAccountPayment,
  decideRiskScore,
  decideVelocity,
  loginSubject,
  parseAmountThresholds,
  type RiskSettings,
} from "../src/domain/risk/rules.ts";

const settings: RiskSettings = {
  velocity: { maxAttempts: 10, windowSeconds: 60, severity: "HIGH", hold: true },
  amount: { thresholds: { CNY: 500_000 }, defaultThreshold: 100_000, severity: "MEDIUM", hold: false },
  newAccount: { maxAgeDays: 7, minAmount: 50_000, severity: "HIGH", hold: false },
  failedLogins: { maxFailures: 5, windowMinutes: 15, severity: "HIGH", hold: true },
  chatSpam: { maxMessages: 20, maxRepeats: 5, windowSeconds: 30, severity: "LOW", hold: false },
  riskScore: { threshold: 80, severity: "HIGH", hold: false },
};
const user = randomUUID();

describe("velocity", () => {
  it("ten attempts in the window pass; the eleventh raises a HIGH alert that holds the coach", () => {
    expect(decideVelocity(user, 10, settings)).toBeNull();
    expect(decideVelocity(user, 11, settings)).toMatchObject({
      rule: "VELOCITY",
      subjectKey: user,
      userId: user,
      severity: "HIGH",
      hold: true,
    });
  });
});

describe("amount threshold", () => {
  it("uses the currency's threshold, and the default for a currency not listed", () => {
    expect(decideAmount({ payerId: user, amount: 500_000, currency: "CNY" }, settings)).toBeNull();
    expect(decideAmount({ payerId: user, amount: 500_001, currency: "cny" }, settings)?.rule).toBe(
      "AMOUNT_THRESHOLD",
    );
    expect(decideAmount({ payerId: user, amount: 100_001, currency: "USD" }, settings)?.severity).toBe(
      "MEDIUM",
    );
    expect(decideAmount({ payerId: user, amount: 100_000, currency: "USD" }, settings)).toBeNull();
  });
});

describe("new account, large payment", () => {
  const paidAt = new Date("2026-12-07T12:00:00Z");
  const daysBefore = (days: number) => new Date(paidAt.getTime() - days * 86_400_000);
  const large = { payerId: user, amount: 60_000, currency: "CNY" };

  it("raises for an account younger than the limit paying over the amount", () => {
    expect(decideNewAccountPayment(large, daysBefore(2), paidAt, settings)?.rule).toBe(
      "NEW_ACCOUNT_LARGE_PAYMENT",
    );
  });

  it("does not raise for an old account, a small payment, or an account ops never heard of", () => {
    expect(decideNewAccountPayment(large, daysBefore(7), paidAt, settings)).toBeNull();
    expect(decideNewAccountPayment({ ...large, amount: 50_000 }, daysBefore(1), paidAt, settings)).toBeNull();
    expect(decideNewAccountPayment(large, null, paidAt, settings)).toBeNull();
  });
});

describe("failed logins", () => {
  it("the K-th failure raises and holds an account; an unknown identifier is alerted, never held", () => {
    const account = loginSubject(user, "a".repeat(64));
    expect(decideFailedLogins(account, 4, settings)).toBeNull();
    expect(decideFailedLogins(account, 5, settings)).toMatchObject({ hold: true, userId: user });
    const nobody = loginSubject(null, "b".repeat(64));
    expect(decideFailedLogins(nobody, 5, settings)).toMatchObject({
      subjectKey: `identifier:${"b".repeat(64)}`,
      userId: null,
      hold: false,
    });
  });
});

describe("chat spam", () => {
  it("raises on a flood of messages or on the same content repeated", () => {
    expect(decideChatSpam(user, { messages: 20, repeats: 4 }, settings)).toBeNull();
    expect(decideChatSpam(user, { messages: 21, repeats: 1 }, settings)?.summary).toMatch(/21 messages/);
    expect(decideChatSpam(user, { messages: 5, repeats: 5 }, settings)?.summary).toMatch(
      /same message 5 times/,
    );
  });
});

describe("risk score", () => {
  it("a score at the threshold raises", () => {
    expect(decideRiskScore(user, 79, "m1", settings)).toBeNull();
    expect(decideRiskScore(user, 80, "m1", settings)).toMatchObject({ rule: "RISK_SCORE", hold: false });
  });
});

describe("amount thresholds setting", () => {
  it("parses CURRENCY:AMOUNT pairs and names a bad entry", () => {
    expect(parseAmountThresholds("cny:500000, USD:70000")).toEqual({ CNY: 500_000, USD: 70_000 });
    expect(() => parseAmountThresholds("CNY=5")).toThrow(/"CNY=5" is not CURRENCY:AMOUNT/);
  });
});

describe("alert state machine", () => {
  it("goes OPEN → ACKNOWLEDGED → RESOLVED, and refuses other moves with the current state", () => {
    expect(alertStateMachine.transition("a", "OPEN", "ACKNOWLEDGED")).toBe("ACKNOWLEDGED");
    expect(alertStateMachine.transition("a", "ACKNOWLEDGED", "RESOLVED")).toBe("RESOLVED");
    expect(() => alertStateMachine.transition("a", "RESOLVED", "ACKNOWLEDGED")).toThrow(/is RESOLVED/);
    expect(() => alertStateMachine.transition("a", "OPEN", "RESOLVED")).toThrow(
      /can only go to ACKNOWLEDGED/,
    );
  });
});
