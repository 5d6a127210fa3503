import { AppError, badInput, ErrorCode } from "@health/platform/errors";
import type { HealthMetric } from "../metrics.ts";
import { type ValidHealthRecord, validateHealthRecord } from "../records/rules.ts";

export interface DeviceReadingCommand {
  metric: HealthMetric;
  value?: number | null;
  systolic?: number | null;
  diastolic?: number | null;
  recordedAt?: Date | null;
}

export interface SyncDeviceDataCommand {
  deviceBindingId: string;
  readings: readonly DeviceReadingCommand[];
}

export const MAX_READINGS_PER_SYNC = 500;

/** The `source` a synced record carries: the binding it came from. */
export const deviceSource = (deviceBindingId: string): string => `device:${deviceBindingId}`;

/** `input.value` → `input.readings[3].value`, in the field and in the message. */
function atReading(error: unknown, index: number): unknown {
  if (!(error instanceof AppError) || error.code !== ErrorCode.BAD_USER_INPUT) return error;
  const prefix = `input.readings[${index}].`;
  const field = String(error.extensions.field ?? "input.").replace(/^input\./, prefix);
  return badInput(field, error.message.replaceAll("input.", prefix));
}

/**
 * Every reading of a sync must pass the same rules as a single record; one bad reading refuses the
 * whole sync (BAD_USER_INPUT naming `input.readings[i].<field>`) so a sync is never half-stored.
 */
export function validateDeviceSync(input: SyncDeviceDataCommand, now: Date): ValidHealthRecord[] {
  if (input.readings.length === 0 || input.readings.length > MAX_READINGS_PER_SYNC) {
    throw badInput("input.readings", `input.readings must hold 1 to ${MAX_READINGS_PER_SYNC} readings.`);
  }
  return input.readings.map((reading, index) => {
    try {
      return validateHealthRecord({ ...reading, source: deviceSource(input.deviceBindingId) }, now);
    } catch (error) {
      throw atReading(error, index);
    }
  });
}

/** The newest reading time per metric: a goal is judged once per metric, at its latest value. */
export function latestPerMetric(records: readonly ValidHealthRecord[]): Map<HealthMetric, Date> {
  const latest = new Map<HealthMetric, Date>();
  for (const { metric, recordedAt } of records) {
    const seen = latest.get(metric);
    if (!seen || recordedAt > seen) latest.set(metric, recordedAt);
  }
  return latest;
}
