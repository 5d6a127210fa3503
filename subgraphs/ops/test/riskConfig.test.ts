import { loadConfig } from "@health/platform/config";
import { describe, expect, it } from "vitest";
import { opsConfigSchema } from "../src/config.ts";
import { riskSettingsOf } from "../src/domain/risk/settings.ts";

// The RISK_* variables: defaults that work on a developer machine, and start-up errors naming the variable.

describe("ops's risk configuration", () => {
  it("defaults to 10 grabs a minute (holding), 5 failed sign-ins in 15 min (holding), a score of 80", () => {
    const settings = riskSettingsOf(loadConfig(opsConfigSchema, {}));
    expect(settings.velocity).toEqual({ maxAttempts: 10, windowSeconds: 60, severity: "HIGH", hold: true });
    expect(settings.failedLogins).toMatchObject({ maxFailures: 5, windowMinutes: 15, hold: true });
    expect(settings.amount.thresholds).toEqual({ CNY: 500_000, USD: 70_000, EUR: 65_000 });
    expect(settings.riskScore).toMatchObject({ threshold: 80, hold: false });
  });

  it('reads overrides, "false" as false', () => {
    const settings = riskSettingsOf(
      loadConfig(opsConfigSchema, {
        RISK_VELOCITY_MAX_GRABS: "3",
        RISK_VELOCITY_HOLD: "false",
        RISK_CHAT_SEVERITY: "CRITICAL",
        RISK_AMOUNT_THRESHOLDS: "JPY:1000000",
      }),
    );
    expect(settings.velocity).toMatchObject({ maxAttempts: 3, hold: false });
    expect(settings.chatSpam.severity).toBe("CRITICAL");
    expect(settings.amount.thresholds).toEqual({ JPY: 1_000_000 });
  });

  it("refuses a bad value at start-up, naming the variable", () => {
    expect(() => loadConfig(opsConfigSchema, { RISK_AMOUNT_THRESHOLDS: "CNY=5" })).toThrow(
      /RISK_AMOUNT_THRESHOLDS: must be CURRENCY:AMOUNT/,
    );
    expect(() => loadConfig(opsConfigSchema, { RISK_VELOCITY_HOLD: "yes" })).toThrow(/RISK_VELOCITY_HOLD/);
    expect(() => loadConfig(opsConfigSchema, { RISK_SCORE_SEVERITY: "URGENT" })).toThrow(
      /RISK_SCORE_SEVERITY/,
    );
  });
});
