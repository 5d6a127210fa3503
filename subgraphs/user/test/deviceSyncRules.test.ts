import { describe, expect, it } from "vitest";
import { deviceSource, latestPerMetric, validateDeviceSync } from "../src/domain/devices/syncRules.ts";

const now = new Date("2026-11-21T12:00:00Z");
const binding = "6f1c2a9e-3b1d-4c55-9a7e-0c2b8f5d1a11";

describe("device sync rules", () => {
  it("validates every reading like a single record, tagged with the binding as source", () => {
    const [weight, pressure] = validateDeviceSync(
      {
        deviceBindingId: binding,
        readings: [
          { metric: "WEIGHT", value: 70.2 },
          { metric: "BLOOD_PRESSURE", systolic: 120, diastolic: 80 },
        ],
      },
      now,
    );
    expect(weight).toMatchObject({
      metric: "WEIGHT",
      value: 70.2,
      unit: "kg",
      source: deviceSource(binding),
    });
    expect(pressure).toMatchObject({ value: 120, systolic: 120, diastolic: 80, recordedAt: now });
  });

  it("names the bad reading's field with its index", () => {
    const sync = () =>
      validateDeviceSync(
        {
          deviceBindingId: binding,
          readings: [
            { metric: "WEIGHT", value: 70 },
            { metric: "HEART_RATE", value: 12 },
          ],
        },
        now,
      );
    expect(sync).toThrow(
      expect.objectContaining({
        message: expect.stringContaining("input.readings[1].value"),
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "input.readings[1].value" }),
      }),
    );
  });

  it("needs 1 to 500 readings", () => {
    expect(() => validateDeviceSync({ deviceBindingId: binding, readings: [] }, now)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: "input.readings" }) }),
    );
  });

  it("judges goals once per metric, at its newest reading", () => {
    const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const readings = validateDeviceSync(
      {
        deviceBindingId: binding,
        readings: [
          { metric: "STEPS", value: 100, recordedAt: at(30) },
          { metric: "STEPS", value: 200, recordedAt: at(5) },
          { metric: "WEIGHT", value: 70, recordedAt: at(10) },
        ],
      },
      now,
    );
    expect(latestPerMetric(readings)).toEqual(
      new Map([
        ["STEPS", at(5)],
        ["WEIGHT", at(10)],
      ]),
    );
  });
});
