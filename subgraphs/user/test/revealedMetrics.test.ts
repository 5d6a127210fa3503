import { describe, expect, it } from "vitest";
import {
  ACTION_METRICS,
  coversAll,
  DEVICE_METRICS,
  metricScope,
  visibleActionTypes,
  visibleDeviceTypes,
} from "../src/domain/access/revealedMetrics.ts";
import { HealthActionType } from "../src/domain/actions/rules.ts";
import { DeviceType } from "../src/domain/devices/bindingRules.ts";
import { HEALTH_METRICS } from "../src/domain/metrics.ts";

describe("what each kind of health data reveals", () => {
  it("names metrics for every action type and device type", () => {
    expect(Object.keys(ACTION_METRICS).sort()).toEqual(Object.values(HealthActionType).sort());
    expect(Object.keys(DEVICE_METRICS).sort()).toEqual(Object.values(DeviceType).sort());
    for (const metrics of [...Object.values(ACTION_METRICS), ...Object.values(DEVICE_METRICS)]) {
      expect(metrics.length).toBeGreaterThan(0);
    }
  });

  it("treats free-text medication and OTHER notes as revealing every metric", () => {
    expect(ACTION_METRICS.MEDICATION).toEqual(HEALTH_METRICS);
    expect(ACTION_METRICS.OTHER).toEqual(HEALTH_METRICS);
    expect(visibleActionTypes(["WEIGHT", "BLOOD_PRESSURE", "GLUCOSE", "HEART_RATE", "STEPS"])).not.toContain(
      "MEDICATION",
    );
    expect(visibleActionTypes([...HEALTH_METRICS])).toEqual(Object.keys(ACTION_METRICS));
  });

  it("shows a STEPS-only reader no action type and no device type", () => {
    expect(visibleActionTypes(["STEPS"])).toEqual([]);
    expect(visibleDeviceTypes(["STEPS"])).toEqual([]);
  });

  it("shows only the types whose every metric is granted", () => {
    expect(visibleActionTypes(["STEPS", "HEART_RATE"])).toEqual(["WORKOUT"]);
    expect(visibleActionTypes(["WEIGHT", "GLUCOSE", "HEART_RATE", "SLEEP"])).toEqual([
      "MEAL",
      "WATER",
      "MEDITATION",
    ]);
    expect(visibleDeviceTypes(["WEIGHT", "GLUCOSE"])).toEqual(["SCALE", "GLUCOSE_METER"]);
    expect(visibleDeviceTypes(["STEPS", "HEART_RATE", "SLEEP"])).toEqual(["SMARTWATCH", "FITNESS_TRACKER"]);
  });

  it("null granted (owner, admin) covers everything", () => {
    expect(coversAll(null, HEALTH_METRICS)).toBe(true);
    expect(visibleDeviceTypes(null)).toEqual(Object.keys(DEVICE_METRICS));
  });
});

describe("metricScope", () => {
  it("refuses a record metric the grants do not cover and reveals the granted ones otherwise", () => {
    expect(metricScope("HEALTH_RECORDS", "GLUCOSE", ["STEPS"])).toEqual({
      refusal: "consent grant does not cover GLUCOSE",
    });
    expect(metricScope("HEALTH_RECORDS", null, ["STEPS", "SLEEP"])).toEqual({ revealed: ["STEPS", "SLEEP"] });
    expect(metricScope("HEALTH_GOALS", undefined, ["STEPS"])).toEqual({ revealed: ["STEPS"] });
  });

  it("reveals, for actions and devices, only the metrics of the visible types", () => {
    expect(metricScope("HEALTH_ACTIONS", null, ["STEPS", "HEART_RATE", "SLEEP"])).toEqual({
      revealed: ["STEPS", "HEART_RATE", "SLEEP"],
    });
    expect(metricScope("DEVICE_BINDINGS", null, ["WEIGHT", "STEPS"])).toEqual({ revealed: ["WEIGHT"] });
  });

  it("reveals weight, blood pressure and glucose for an assessment, or refuses it", () => {
    expect(metricScope("ASSESSMENTS", null, ["WEIGHT", "BLOOD_PRESSURE", "GLUCOSE"])).toEqual({
      revealed: ["WEIGHT", "BLOOD_PRESSURE", "GLUCOSE"],
    });
    expect(metricScope("ASSESSMENTS", null, ["WEIGHT", "BLOOD_PRESSURE"])).toHaveProperty("refusal");
  });
});
