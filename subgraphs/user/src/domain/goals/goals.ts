import type { Actor } from "@health/platform/auth";
import type { UserDb, UserTx } from "../../db.ts";
import type { HealthGoal } from "../../generated/prisma/client.ts";
import { readHealthData } from "../access/healthData.ts";
import { currentValues, valueKey } from "../records/currentValues.ts";
import { goalProgress, type SetHealthGoalCommand, validateGoal } from "./rules.ts";

/** A goal with where its owner stands today. */
export interface GoalView extends HealthGoal {
  current: number | null;
  progress: number | null;
}

async function withProgress(tx: UserTx, goals: HealthGoal[], now: Date): Promise<GoalView[]> {
  const values = await currentValues(
    tx,
    goals.map((g) => g.userId),
    goals.map((g) => g.metric),
    now,
  );
  return goals.map((goal) => {
    const current = values.get(valueKey(goal.userId, goal.metric)) ?? null;
    return { ...goal, current, progress: goalProgress(goal.direction, Number(goal.target), current) };
  });
}

/**
 * Sets the caller's goal for a metric, replacing the previous one (the seed's PUT). A replaced goal
 * starts unachieved: the next record that meets it marks it.
 */
export async function setHealthGoal(
  db: UserDb,
  actor: Actor,
  input: SetHealthGoalCommand,
  now: Date,
): Promise<GoalView> {
  const goal = validateGoal(input, now);
  return db.$transaction(async (tx) => {
    const fields = {
      target: goal.target,
      direction: goal.direction,
      deadline: goal.deadline,
      achievedAt: null,
    };
    const saved = await tx.healthGoal.upsert({
      where: { userId_metric: { userId: actor.userId, metric: goal.metric } },
      create: { userId: actor.userId, metric: goal.metric, ...fields },
      update: fields,
    });
    const [view] = await withProgress(tx, [saved], now);
    return view as GoalView;
  });
}

/** Goals of many owners (the DataLoader batch behind `healthGoals` and `User.healthGoals`), each read checked and logged. */
export function healthGoalsOf(db: UserDb, actor: Actor, ownerIds: readonly string[], now: Date) {
  const reads = ownerIds.map((ownerId) => ({ ownerId, resource: "HEALTH_GOALS" as const }));
  return readHealthData(db, actor, reads, now, async (tx, allowed) => {
    const goals = await tx.healthGoal.findMany({
      where: { userId: { in: allowed.map((a) => a.read.ownerId) } },
      orderBy: [{ metric: "asc" }],
    });
    const views = await withProgress(tx, goals, now);
    // A coach sees the goals of the metrics the owner granted, no more.
    return allowed.map(({ read, decision }) =>
      views.filter(
        (g) => g.userId === read.ownerId && (!decision.metrics || decision.metrics.includes(g.metric)),
      ),
    );
  });
}
