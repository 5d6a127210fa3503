import { badInput } from "@health/platform/errors";
import { inRange, METRIC_SPECS } from "../metrics.ts";

export const BmiCategory = {
  UNDERWEIGHT: "UNDERWEIGHT",
  NORMAL: "NORMAL",
  OVERWEIGHT: "OVERWEIGHT",
  OBESE: "OBESE",
} as const;
export type BmiCategory = (typeof BmiCategory)[keyof typeof BmiCategory];

export const RiskCategory = {
  LOW: "LOW",
  MODERATE: "MODERATE",
  HIGH: "HIGH",
  VERY_HIGH: "VERY_HIGH",
} as const;
export type RiskCategory = (typeof RiskCategory)[keyof typeof RiskCategory];

/** Bumped whenever the points below change, and stored with every assessment. */
export const RISK_SCORE_VERSION = 1;

export const HEIGHT_RANGE_CM = { min: 50, max: 272 };
export const AGE_RANGE = { min: 18, max: 120 };

export interface AssessmentFacts {
  heightCm: number;
  weightKg: number;
  age: number;
  smoker: boolean;
  bloodPressure: { systolic: number; diastolic: number } | null;
  /** Treated as a fasting value. */
  glucoseMmolL: number | null;
}

export interface RiskPoints {
  bmi: number;
  bloodPressure: number;
  glucose: number;
  age: number;
  smoker: number;
}

export interface AssessmentResult {
  bmi: number;
  bmiCategory: BmiCategory;
  riskScore: number;
  riskCategory: RiskCategory;
  points: RiskPoints;
}

export function checkAssessmentInput(input: {
  heightCm: number;
  age: number;
  weightKg?: number | null;
}): void {
  if (!Number.isFinite(input.heightCm) || !inRange(input.heightCm, HEIGHT_RANGE_CM)) {
    throw badInput(
      "input.heightCm",
      `input.heightCm must be between ${HEIGHT_RANGE_CM.min} and ${HEIGHT_RANGE_CM.max}.`,
    );
  }
  if (!Number.isInteger(input.age) || !inRange(input.age, AGE_RANGE)) {
    throw badInput(
      "input.age",
      `input.age must be a whole number between ${AGE_RANGE.min} and ${AGE_RANGE.max}.`,
    );
  }
  const weight = METRIC_SPECS.WEIGHT.range;
  if (input.weightKg != null && (!Number.isFinite(input.weightKg) || !inRange(input.weightKg, weight))) {
    throw badInput("input.weightKg", `input.weightKg must be between ${weight.min} and ${weight.max} kg.`);
  }
}

/** Body-mass index, kg/m², to one decimal. */
export const computeBmi = (weightKg: number, heightCm: number): number =>
  Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;

/** WHO adult cut-offs. */
export function bmiCategory(bmi: number): BmiCategory {
  if (bmi < 18.5) return "UNDERWEIGHT";
  if (bmi < 25) return "NORMAL";
  if (bmi < 30) return "OVERWEIGHT";
  return "OBESE";
}

// The score is a screening aid, not a diagnosis: five factors whose maxima add up to 100.
// BMI (max 20): <18.5 → 5, <25 → 0, <30 → 8, <35 → 14, else 20.
const bmiPoints = (bmi: number): number =>
  bmi < 18.5 ? 5 : bmi < 25 ? 0 : bmi < 30 ? 8 : bmi < 35 ? 14 : 20;

// Blood pressure, AHA categories (max 25): normal 0; elevated (120–129 / <80) 5; stage 1 (130–139 or
// 80–89) 12; stage 2 (≥140 or ≥90) 20; crisis (>180 or >120) 25. No reading → 0.
function bloodPressurePoints(bp: AssessmentFacts["bloodPressure"]): number {
  if (!bp) return 0;
  const { systolic: s, diastolic: d } = bp;
  if (s > 180 || d > 120) return 25;
  if (s >= 140 || d >= 90) return 20;
  if (s >= 130 || d >= 80) return 12;
  if (s >= 120) return 5;
  return 0;
}

// Fasting glucose (max 20): <5.6 mmol/L → 0; 5.6–6.9 (impaired) → 10; ≥7.0 (diabetic range) → 20. No reading → 0.
const glucosePoints = (g: number | null): number => (g === null || g < 5.6 ? 0 : g < 7 ? 10 : 20);

// Age (max 20): <40 → 0, 40s → 5, 50s → 10, 60s → 15, 70+ → 20. Smoking: 15.
const agePoints = (age: number): number => (age < 40 ? 0 : age < 50 ? 5 : age < 60 ? 10 : age < 70 ? 15 : 20);

/** Cardiovascular risk 0–100: LOW <20, MODERATE <40, HIGH <60, VERY_HIGH from 60. */
export function riskCategory(score: number): RiskCategory {
  if (score < 20) return "LOW";
  if (score < 40) return "MODERATE";
  if (score < 60) return "HIGH";
  return "VERY_HIGH";
}

export function assess(facts: AssessmentFacts): AssessmentResult {
  const bmi = computeBmi(facts.weightKg, facts.heightCm);
  const points: RiskPoints = {
    bmi: bmiPoints(bmi),
    bloodPressure: bloodPressurePoints(facts.bloodPressure),
    glucose: glucosePoints(facts.glucoseMmolL),
    age: agePoints(facts.age),
    smoker: facts.smoker ? 15 : 0,
  };
  const riskScore = Math.min(
    100,
    Object.values(points).reduce((sum, p) => sum + p, 0),
  );
  return { bmi, bmiCategory: bmiCategory(bmi), riskScore, riskCategory: riskCategory(riskScore), points };
}
