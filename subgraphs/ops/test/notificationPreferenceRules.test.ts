import { describe, expect, it } from "vitest";
import {
  effectivePreferences,
  enabledByDefault,
  enabledChannels,
} from "../src/domain/notifications/preferenceRules.ts";

describe("notification preferences", () => {
  it.each([
    ["LIVE_STARTED", "IN_APP", true],
    ["LIVE_STARTED", "PUSH", true],
    ["LIVE_STARTED", "EMAIL", false],
    ["POINTS_AWARDED", "PUSH", false],
    ["PAYMENT_SUCCEEDED", "EMAIL", true],
    ["PAYMENT_FAILED", "SMS", false],
    ["ANNOUNCEMENT", "IN_APP", true],
  ] as const)("%s on %s is %s by default", (kind, channel, enabled) => {
    expect(enabledByDefault(kind, channel)).toBe(enabled);
  });

  it("a choice overrides the default for its kind and channel only", () => {
    const choices = [
      { kind: "LIVE_STARTED", channel: "IN_APP", enabled: false },
      { kind: "LIVE_STARTED", channel: "SMS", enabled: true },
      { kind: "NEW_FOLLOWER", channel: "PUSH", enabled: true },
    ] as const;
    expect(enabledChannels("LIVE_STARTED", choices)).toEqual(["PUSH", "SMS"]);
    expect(enabledChannels("NEW_FOLLOWER", choices)).toEqual(["IN_APP", "PUSH"]);
    expect(enabledChannels("GIFT_RECEIVED", [])).toEqual(["IN_APP", "PUSH"]);
  });

  it("lists every kind on every channel, marking which were chosen", () => {
    const all = effectivePreferences([{ kind: "LIVE_STARTED", channel: "IN_APP", enabled: false }]);
    expect(all).toHaveLength(9 * 4);
    expect(all.find((p) => p.kind === "LIVE_STARTED" && p.channel === "IN_APP")).toEqual({
      kind: "LIVE_STARTED",
      channel: "IN_APP",
      enabled: false,
      isDefault: false,
    });
    expect(all.filter((p) => !p.isDefault)).toHaveLength(1);
  });
});
