import type { HealthActionType } from "../actions/rules.ts";
import type { DeviceType } from "../devices/bindingRules.ts";
import { HEALTH_METRICS, type HealthMetric } from "../metrics.ts";
import type { HealthResource } from "./healthResource.ts";

// Consent is given per metric (issue 16 point 2), so everything derived from health data names the
// metrics it gives away, and a coach sees it only when their live grants cover all of them.

/**
 * What an action of each kind (its type, duration and free-text note) tells about a person: intake
 * speaks to weight and glucose, activity to steps and heart rate, recovery to heart rate and sleep.
 * A medication note or an OTHER note can name any condition, so those need every metric.
 */
export const ACTION_METRICS: Record<HealthActionType, readonly HealthMetric[]> = {
  MEAL: ["WEIGHT", "GLUCOSE"],
  WATER: ["WEIGHT", "GLUCOSE"],
  WORKOUT: ["STEPS", "HEART_RATE"],
  MEDITATION: ["HEART_RATE", "SLEEP"],
  MEDICATION: HEALTH_METRICS,
  OTHER: HEALTH_METRICS,
};

/** The metrics a device of each type records (owning a glucose meter says as much as a reading). */
export const DEVICE_METRICS: Record<DeviceType, readonly HealthMetric[]> = {
  SMARTWATCH: ["STEPS", "HEART_RATE", "SLEEP"],
  FITNESS_TRACKER: ["STEPS", "HEART_RATE", "SLEEP"],
  SCALE: ["WEIGHT"],
  BLOOD_PRESSURE_MONITOR: ["BLOOD_PRESSURE", "HEART_RATE"],
  GLUCOSE_METER: ["GLUCOSE"],
  OTHER: HEALTH_METRICS,
};

/**
 * An assessment's BMI, risk score, points and `inputs` are computed from the latest weight, blood
 * pressure and glucose (a missing reading shows as 0 points), so it is shown whole or not at all.
 * Height, age and smoking are the assessment's own inputs and travel with it.
 */
export const ASSESSMENT_METRICS: readonly HealthMetric[] = ["WEIGHT", "BLOOD_PRESSURE", "GLUCOSE"];

/** `granted` null means every metric (owner, admin). */
export const coversAll = (
  granted: readonly HealthMetric[] | null,
  needed: readonly HealthMetric[],
): boolean => granted === null || needed.every((m) => granted.includes(m));

function kindsCovered<K extends string>(
  byKind: Record<K, readonly HealthMetric[]>,
  granted: readonly HealthMetric[] | null,
): K[] {
  return (Object.keys(byKind) as K[]).filter((kind) => coversAll(granted, byKind[kind]));
}

/** The action types a reader granted `granted` may see. */
export const visibleActionTypes = (granted: readonly HealthMetric[] | null): HealthActionType[] =>
  kindsCovered(ACTION_METRICS, granted);

/** The device types a reader granted `granted` may see. */
export const visibleDeviceTypes = (granted: readonly HealthMetric[] | null): DeviceType[] =>
  kindsCovered(DEVICE_METRICS, granted);

const needs = (byKind: Record<string, readonly HealthMetric[]>): string =>
  Object.entries(byKind)
    .map(
      ([kind, metrics]) => `${kind}: ${metrics.length === HEALTH_METRICS.length ? "all" : metrics.join("+")}`,
    )
    .join(", ");

export type MetricScope = { revealed: HealthMetric[] } | { refusal: string };

/**
 * For a coach whose live grants cover `granted`: the metrics a read of `resource` (of `metric`, for
 * records) reveals, or why it is refused. Records of one metric need that metric; records of every
 * metric and goals are narrowed to the granted metrics by their loaders; assessments need all of
 * ASSESSMENT_METRICS; actions and devices are narrowed to the kinds the grants cover, and refused
 * when they cover none.
 */
export function metricScope(
  resource: HealthResource,
  metric: HealthMetric | null | undefined,
  granted: readonly HealthMetric[],
): MetricScope {
  switch (resource) {
    case "HEALTH_RECORDS":
    case "HEALTH_GOALS":
      if (metric && !granted.includes(metric)) return { refusal: `consent grant does not cover ${metric}` };
      return { revealed: metric ? [metric] : [...granted] };
    case "ASSESSMENTS": {
      const missing = ASSESSMENT_METRICS.filter((m) => !granted.includes(m));
      if (missing.length > 0) {
        return {
          refusal: `consent grant does not cover ${missing.join(", ")} (an assessment uses ${ASSESSMENT_METRICS.join(", ")})`,
        };
      }
      return { revealed: [...ASSESSMENT_METRICS] };
    }
    case "HEALTH_ACTIONS": {
      const types = visibleActionTypes(granted);
      if (types.length === 0) {
        return { refusal: `consent grant covers no health action type (${needs(ACTION_METRICS)})` };
      }
      return { revealed: [...new Set(types.flatMap((t) => ACTION_METRICS[t]))] };
    }
    case "DEVICE_BINDINGS": {
      const types = visibleDeviceTypes(granted);
      if (types.length === 0) {
        return { refusal: `consent grant covers no device type (${needs(DEVICE_METRICS)})` };
      }
      return { revealed: [...new Set(types.flatMap((t) => DEVICE_METRICS[t]))] };
    }
  }
}
