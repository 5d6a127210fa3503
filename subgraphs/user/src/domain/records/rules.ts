import { badInput } from "@health/platform/errors";
import {
  DIASTOLIC_RANGE,
  type HealthMetric,
  inRange,
  METRIC_SPECS,
  type Range,
  SYSTOLIC_RANGE,
} from "../metrics.ts";
import { pastOrNow } from "../time.ts";

export interface RecordHealthDataCommand {
  metric: HealthMetric;
  value?: number | null;
  systolic?: number | null;
  diastolic?: number | null;
  recordedAt?: Date | null;
  source?: string | null;
}

/** A record that passed every rule, ready to store. */
export interface ValidHealthRecord {
  metric: HealthMetric;
  value: number;
  unit: string;
  systolic: number | null;
  diastolic: number | null;
  recordedAt: Date;
  source: string | null;
}

export const MAX_SOURCE_LENGTH = 100;

function checkNumber(field: string, value: number, range: Range, integer: boolean, unit: string): void {
  if (!Number.isFinite(value)) throw badInput(field, `${field} must be a number.`);
  if (integer && !Number.isInteger(value)) throw badInput(field, `${field} must be a whole number.`);
  if (!inRange(value, range)) {
    throw badInput(field, `${field} must be between ${range.min} and ${range.max} ${unit}; got ${value}.`);
  }
}

/**
 * Checks a new health record against its metric's unit and plausible range. Throws BAD_USER_INPUT naming
 * the field (`input.systolic`, ...) so nothing is written for a bad reading. Blood pressure is sent as
 * systolic and diastolic; its `value` is the systolic reading.
 */
export function validateHealthRecord(input: RecordHealthDataCommand, now: Date): ValidHealthRecord {
  const spec = METRIC_SPECS[input.metric];
  const recordedAt = pastOrNow(input.recordedAt, now, "input.recordedAt");
  const source = input.source?.trim() || null;
  if (source && source.length > MAX_SOURCE_LENGTH) {
    throw badInput("input.source", `input.source must be at most ${MAX_SOURCE_LENGTH} characters.`);
  }

  if (input.metric === "BLOOD_PRESSURE") {
    if (input.value != null) {
      throw badInput(
        "input.value",
        "Leave input.value empty for BLOOD_PRESSURE: send systolic and diastolic.",
      );
    }
    if (input.systolic == null)
      throw badInput("input.systolic", "BLOOD_PRESSURE needs input.systolic (mmHg).");
    if (input.diastolic == null)
      throw badInput("input.diastolic", "BLOOD_PRESSURE needs input.diastolic (mmHg).");
    checkNumber("input.systolic", input.systolic, SYSTOLIC_RANGE, true, spec.unit);
    checkNumber("input.diastolic", input.diastolic, DIASTOLIC_RANGE, true, spec.unit);
    if (input.systolic <= input.diastolic) {
      throw badInput(
        "input.systolic",
        `input.systolic (${input.systolic}) must be higher than input.diastolic (${input.diastolic}).`,
      );
    }
    return {
      metric: input.metric,
      value: input.systolic,
      unit: spec.unit,
      systolic: input.systolic,
      diastolic: input.diastolic,
      recordedAt,
      source,
    };
  }

  if (input.systolic != null) throw badInput("input.systolic", `input.systolic is only for BLOOD_PRESSURE.`);
  if (input.diastolic != null)
    throw badInput("input.diastolic", `input.diastolic is only for BLOOD_PRESSURE.`);
  if (input.value == null) throw badInput("input.value", `${input.metric} needs input.value (${spec.unit}).`);
  checkNumber("input.value", input.value, spec.range, spec.integer, spec.unit);
  return {
    metric: input.metric,
    value: input.value,
    unit: spec.unit,
    systolic: null,
    diastolic: null,
    recordedAt,
    source,
  };
}
