// How many points each event earns (M14). Amounts are documented in subgraphs/finance/README.md.

/** Points for recording a health action (any type). */
export const HEALTH_ACTION_POINTS = 5;
/** Points for meeting a health goal. */
export const GOAL_ACHIEVED_POINTS = 50;
/** Points to the customer when a service they ordered is completed. */
export const SERVICE_COMPLETED_POINTS = 20;

/** What a rule awards and why; `reason` is the event's name, shown in the history. */
export interface PointsAward {
  userId: string;
  points: number;
  reason: string;
}

export const healthActionAward = (userId: string): PointsAward => ({
  userId,
  points: HEALTH_ACTION_POINTS,
  reason: "health_action_recorded",
});

export const goalAchievedAward = (userId: string): PointsAward => ({
  userId,
  points: GOAL_ACHIEVED_POINTS,
  reason: "goal_achieved",
});

export const serviceCompletedAward = (customerId: string): PointsAward => ({
  userId: customerId,
  points: SERVICE_COMPLETED_POINTS,
  reason: "service_completed",
});

/** An operator's adjustment: a non-zero whole number of points, within ±1,000,000 at a time. */
export const MAX_ADJUSTMENT = 1_000_000;

export const isValidAdjustment = (amount: number): boolean =>
  Number.isInteger(amount) && amount !== 0 && Math.abs(amount) <= MAX_ADJUSTMENT;
