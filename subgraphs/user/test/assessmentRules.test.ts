import { describe, expect, it } from "vitest";
import {
  assess,
  bmiCategory,
  checkAssessmentInput,
  computeBmi,
  riskCategory,
} from "../src/domain/assessments/rules.ts";

const base = { heightCm: 180, weightKg: 75, age: 30, smoker: false, bloodPressure: null, glucoseMmolL: null };

describe("BMI", () => {
  it("is kg/m² to one decimal", () => {
    expect(computeBmi(75, 180)).toBe(23.1);
    expect(computeBmi(100, 170)).toBe(34.6);
  });

  it.each([
    [18.4, "UNDERWEIGHT"],
    [18.5, "NORMAL"],
    [24.9, "NORMAL"],
    [25, "OVERWEIGHT"],
    [30, "OBESE"],
  ] as const)("%d is %s", (bmi, category) => {
    expect(bmiCategory(bmi)).toBe(category);
  });
});

describe("cardiovascular risk score", () => {
  it("is 0 for a young healthy non-smoker with no readings", () => {
    expect(assess(base)).toMatchObject({ riskScore: 0, riskCategory: "LOW", bmiCategory: "NORMAL" });
  });

  it("adds the documented points per factor", () => {
    const result = assess({
      ...base,
      weightKg: 100, // BMI 30.9 → 14
      age: 55, // → 10
      smoker: true, // → 15
      bloodPressure: { systolic: 135, diastolic: 85 }, // stage 1 → 12
      glucoseMmolL: 6.1, // impaired → 10
    });
    expect(result.points).toEqual({ bmi: 14, bloodPressure: 12, glucose: 10, age: 10, smoker: 15 });
    expect(result.riskScore).toBe(61);
    expect(result.riskCategory).toBe("VERY_HIGH");
  });

  it("reaches 100 at every factor's maximum", () => {
    const worst = assess({
      ...base,
      weightKg: 150,
      age: 80,
      smoker: true,
      bloodPressure: { systolic: 200, diastolic: 125 },
      glucoseMmolL: 12,
    });
    expect(worst.riskScore).toBe(100);
  });

  it.each([
    [{ systolic: 118, diastolic: 78 }, 0],
    [{ systolic: 125, diastolic: 78 }, 5],
    [{ systolic: 118, diastolic: 85 }, 12],
    [{ systolic: 145, diastolic: 80 }, 20],
    [{ systolic: 185, diastolic: 100 }, 25],
  ])("blood pressure %o scores %d", (bloodPressure, points) => {
    expect(assess({ ...base, bloodPressure }).points.bloodPressure).toBe(points);
  });

  it("categorises scores", () => {
    expect([0, 19, 20, 39, 40, 59, 60, 100].map(riskCategory)).toEqual([
      "LOW",
      "LOW",
      "MODERATE",
      "MODERATE",
      "HIGH",
      "HIGH",
      "VERY_HIGH",
      "VERY_HIGH",
    ]);
  });

  it("checks its inputs, naming the field", () => {
    expect(() => checkAssessmentInput({ heightCm: 30, age: 40 })).toThrow(/heightCm/);
    expect(() => checkAssessmentInput({ heightCm: 170, age: 12 })).toThrow(/age/);
    expect(() => checkAssessmentInput({ heightCm: 170, age: 40, weightKg: 900 })).toThrow(/weightKg/);
  });
});
