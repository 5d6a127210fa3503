import { AppError } from "@health/platform/errors";
import { describe, expect, it } from "vitest";
import { type RecordHealthDataCommand, validateHealthRecord } from "../src/domain/records/rules.ts";

const now = new Date("2026-11-21T12:00:00Z");

function fieldOf(input: RecordHealthDataCommand): string | undefined {
  try {
    validateHealthRecord(input, now);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).extensions.code).toBe("BAD_USER_INPUT");
    return (error as AppError).extensions.field as string;
  }
  return undefined;
}

describe("validateHealthRecord", () => {
  it.each([
    ["WEIGHT", 2],
    ["WEIGHT", 500],
    ["GLUCOSE", 1],
    ["GLUCOSE", 40],
    ["HEART_RATE", 20],
    ["HEART_RATE", 250],
    ["STEPS", 0],
    ["STEPS", 100_000],
    ["SLEEP", 0],
    ["SLEEP", 24],
  ] as const)("accepts %s at the edge of its range (%d)", (metric, value) => {
    expect(validateHealthRecord({ metric, value }, now)).toMatchObject({ metric, value, systolic: null });
  });

  it.each([
    ["WEIGHT", 1.9],
    ["WEIGHT", 500.1],
    ["GLUCOSE", 0.9],
    ["GLUCOSE", 40.5],
    ["HEART_RATE", 19],
    ["HEART_RATE", 251],
    ["STEPS", -1],
    ["STEPS", 100_001],
    ["SLEEP", 24.5],
  ] as const)("refuses %s out of range (%d), naming input.value", (metric, value) => {
    expect(fieldOf({ metric, value })).toBe("input.value");
  });

  it("stores units per metric", () => {
    expect(validateHealthRecord({ metric: "WEIGHT", value: 70 }, now).unit).toBe("kg");
    expect(validateHealthRecord({ metric: "GLUCOSE", value: 5.4 }, now).unit).toBe("mmol/L");
    expect(validateHealthRecord({ metric: "SLEEP", value: 7.5 }, now).unit).toBe("h");
  });

  it("wants whole steps and heart beats", () => {
    expect(fieldOf({ metric: "STEPS", value: 10.5 })).toBe("input.value");
    expect(fieldOf({ metric: "HEART_RATE", value: 70.2 })).toBe("input.value");
  });

  it("requires a value for every metric but blood pressure", () => {
    expect(fieldOf({ metric: "WEIGHT" })).toBe("input.value");
    expect(fieldOf({ metric: "WEIGHT", value: 70, systolic: 120 })).toBe("input.systolic");
  });

  describe("blood pressure", () => {
    it("stores systolic as the value, with both readings", () => {
      expect(
        validateHealthRecord({ metric: "BLOOD_PRESSURE", systolic: 120, diastolic: 80 }, now),
      ).toMatchObject({
        value: 120,
        unit: "mmHg",
        systolic: 120,
        diastolic: 80,
      });
    });

    it.each([
      [{ systolic: 49, diastolic: 40 }, "input.systolic"],
      [{ systolic: 261, diastolic: 90 }, "input.systolic"],
      [{ systolic: 120, diastolic: 29 }, "input.diastolic"],
      [{ systolic: 200, diastolic: 161 }, "input.diastolic"],
      [{ systolic: 80, diastolic: 80 }, "input.systolic"],
      [{ systolic: 70, diastolic: 90 }, "input.systolic"],
      [{ diastolic: 80 }, "input.systolic"],
      [{ systolic: 120 }, "input.diastolic"],
      [{ systolic: 120, diastolic: 80, value: 120 }, "input.value"],
    ])("refuses %o naming %s", (reading, field) => {
      expect(fieldOf({ metric: "BLOOD_PRESSURE", ...reading })).toBe(field);
    });
  });

  describe("recordedAt", () => {
    it("defaults to now and accepts up to 5 minutes of clock skew", () => {
      expect(validateHealthRecord({ metric: "WEIGHT", value: 70 }, now).recordedAt).toEqual(now);
      const skewed = new Date(now.getTime() + 4 * 60_000);
      expect(
        validateHealthRecord({ metric: "WEIGHT", value: 70, recordedAt: skewed }, now).recordedAt,
      ).toEqual(skewed);
    });

    it("refuses the future", () => {
      const later = new Date(now.getTime() + 6 * 60_000);
      expect(fieldOf({ metric: "WEIGHT", value: 70, recordedAt: later })).toBe("input.recordedAt");
    });
  });
});
