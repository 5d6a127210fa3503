// Its own file, not in rules.ts, because revealedMetrics.ts needs it and rules.ts needs revealedMetrics.ts.

/** The kinds of health data a read is about; each read is logged under one of these. */
export const HealthResource = {
  HEALTH_RECORDS: "HEALTH_RECORDS",
  HEALTH_ACTIONS: "HEALTH_ACTIONS",
  HEALTH_GOALS: "HEALTH_GOALS",
  ASSESSMENTS: "ASSESSMENTS",
  DEVICE_BINDINGS: "DEVICE_BINDINGS",
} as const;
export type HealthResource = (typeof HealthResource)[keyof typeof HealthResource];
