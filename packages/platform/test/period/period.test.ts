import { checkedPeriod, daysOf } from "@health/platform/period";
import { describe, expect, it } from "vitest";

const at = (iso: string) => new Date(iso);
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const { code, extensions } = error as { code?: string; extensions?: { field?: string } };
    return { code, field: extensions?.field };
  }
  return null;
};

describe("checkedPeriod", () => {
  it("takes a period from before to, of up to 366 days", () => {
    const period = { from: at("2026-01-01T00:00:00Z"), to: at("2027-01-02T00:00:00Z") };
    expect(checkedPeriod(period)).toEqual(period);
  });

  it("refuses an empty or reversed period, naming to", () => {
    const same = at("2026-03-01T00:00:00Z");
    expect(codeOf(() => checkedPeriod({ from: same, to: same }))).toEqual({
      code: "BAD_USER_INPUT",
      field: "to",
    });
    expect(codeOf(() => checkedPeriod({ from: at("2026-03-02T00:00:00Z"), to: same }, "input."))).toEqual({
      code: "BAD_USER_INPUT",
      field: "input.to",
    });
  });

  it("refuses a period over 366 days", () => {
    const period = { from: at("2026-01-01T00:00:00Z"), to: at("2027-01-02T00:00:01Z") };
    expect(codeOf(() => checkedPeriod(period))?.code).toBe("BAD_USER_INPUT");
  });
});

describe("daysOf", () => {
  it("lists each UTC day the period touches; a to at midnight opens no day", () => {
    expect(daysOf({ from: at("2026-02-27T00:00:00Z"), to: at("2026-03-02T00:00:00Z") })).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
    ]);
  });

  it("includes partial first and last days", () => {
    expect(daysOf({ from: at("2026-12-31T23:00:00Z"), to: at("2027-01-01T00:30:00Z") })).toEqual([
      "2026-12-31",
      "2027-01-01",
    ]);
  });

  it("has at most 367 days for the longest period", () => {
    expect(daysOf({ from: at("2028-01-01T12:00:00Z"), to: at("2029-01-01T12:00:00Z") })).toHaveLength(367);
  });
});
