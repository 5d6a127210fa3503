import { stateMachine } from "@health/platform/stateMachine";

export const AlertStatus = { OPEN: "OPEN", ACKNOWLEDGED: "ACKNOWLEDGED", RESOLVED: "RESOLVED" } as const;
export type AlertStatus = (typeof AlertStatus)[keyof typeof AlertStatus];

/** An operator takes an alert (acknowledges it), then resolves it with a note; a resolved alert is final. */
export const alertStateMachine = stateMachine<AlertStatus>("Risk alert", {
  OPEN: ["ACKNOWLEDGED"],
  ACKNOWLEDGED: ["RESOLVED"],
  RESOLVED: [],
});
