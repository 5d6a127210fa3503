import { describe, expect, it } from "vitest";
import { checkedReport, type PerformanceReportInput } from "../src/domain/performanceReports.ts";

const base: PerformanceReportInput = {
  from: new Date("2026-05-01T00:00:00Z"),
  to: new Date("2026-06-01T00:00:00Z"),
  summary: "  A good month: more sessions.  ",
  metrics: [
    { name: " sessions ", value: 42 },
    { name: "retention", value: 0.8, unit: "ratio" },
  ],
};
const fieldOf = (input: PerformanceReportInput) => {
  try {
    checkedReport(input);
  } catch (error) {
    const { code, extensions } = error as { code?: string; extensions?: { field?: string } };
    return `${code} ${extensions?.field}`;
  }
  return "ok";
};

describe("checkedReport", () => {
  it("trims the summary and metric names and fills an absent unit with null", () => {
    expect(checkedReport(base)).toMatchObject({
      summary: "A good month: more sessions.",
      metrics: [
        { name: "sessions", value: 42, unit: null },
        { name: "retention", value: 0.8, unit: "ratio" },
      ],
    });
  });

  it("refuses each bad field, naming it", () => {
    expect(fieldOf({ ...base, summary: "   " })).toBe("BAD_USER_INPUT input.summary");
    expect(fieldOf({ ...base, summary: "x".repeat(2001) })).toBe("BAD_USER_INPUT input.summary");
    expect(fieldOf({ ...base, summary: "x".repeat(2000) })).toBe("ok");
    expect(fieldOf({ ...base, to: base.from })).toBe("BAD_USER_INPUT input.to");
    expect(
      fieldOf({ ...base, metrics: Array.from({ length: 21 }, (_, i) => ({ name: `m${i}`, value: i })) }),
    ).toBe("BAD_USER_INPUT input.metrics");
    expect(fieldOf({ ...base, metrics: [{ name: "", value: 1 }] })).toBe(
      "BAD_USER_INPUT input.metrics.0.name",
    );
    expect(
      fieldOf({
        ...base,
        metrics: [
          { name: "a", value: 1 },
          { name: "A", value: 2 },
        ],
      }),
    ).toBe("BAD_USER_INPUT input.metrics.1.name");
    expect(fieldOf({ ...base, metrics: [{ name: "a", value: Number.NaN }] })).toBe(
      "BAD_USER_INPUT input.metrics.0.value",
    );
    expect(fieldOf({ ...base, metrics: [{ name: "a", value: 1, unit: "u".repeat(17) }] })).toBe(
      "BAD_USER_INPUT input.metrics.0.unit",
    );
  });
});
