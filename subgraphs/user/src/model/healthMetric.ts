import { registerEnumType } from "type-graphql";
import { HealthMetric } from "../domain/metrics.ts";

registerEnumType(HealthMetric, {
  name: "HealthMetric",
  description: "What a health record measures, each in one unit (see `HealthRecord.unit`).",
  valuesConfig: {
    WEIGHT: { description: "kg, 2–500" },
    BLOOD_PRESSURE: { description: "mmHg: systolic 50–260 above diastolic 30–160" },
    GLUCOSE: { description: "mmol/L, 1–40" },
    HEART_RATE: { description: "bpm, 20–250" },
    STEPS: { description: "count per record, 0–100000" },
    SLEEP: { description: "hours, 0–24" },
  },
});

export { HealthMetric };
