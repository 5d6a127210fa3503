import { dayOf, daysOf, type Period, within } from "@health/platform/period";
import type { BizDb } from "../../db.ts";
import type { FollowChangeKind } from "../../generated/prisma/client.ts";

/** What the figures need of a logged follow change (`workbench_follow_changes`). */
export interface FollowChangeFacts {
  kind: FollowChangeKind;
  at: Date;
}

export interface FollowerDayFigures {
  /** A UTC day, YYYY-MM-DD. */
  date: string;
  newFollowers: number;
  unfollows: number;
}

export interface FollowerFigures {
  /** Who follows the coach now (not bound to the period). */
  total: number;
  newFollowers: number;
  unfollows: number;
  days: FollowerDayFigures[];
}

/** The period's follows and unfollows, and one bucket per UTC day it touches (empty days zeroed). */
export function followerFigures(
  period: Period,
  total: number,
  changes: readonly FollowChangeFacts[],
): FollowerFigures {
  const days = daysOf(period).map((date): FollowerDayFigures => ({ date, newFollowers: 0, unfollows: 0 }));
  const byDate = new Map(days.map((day) => [day.date, day]));
  for (const change of changes) {
    const day = within(period, change.at) ? byDate.get(dayOf(change.at)) : undefined;
    if (!day) continue;
    if (change.kind === "FOLLOWED") day.newFollowers++;
    else day.unfollows++;
  }
  return {
    total,
    newFollowers: days.reduce((sum, day) => sum + day.newFollowers, 0),
    unfollows: days.reduce((sum, day) => sum + day.unfollows, 0),
    days,
  };
}

/** The coach's followers over the period, from biz's own projection of dynamic's follow events. */
export async function followersOf(db: BizDb, coachId: string, period: Period): Promise<FollowerFigures> {
  // One snapshot for both reads, as for the rest of the workbench (view.ts): read side by side, a
  // follow committed between them showed in the total and not yet among the period's new followers.
  const [total, changes] = await db.$transaction(
    [
      db.workbenchFollower.count({ where: { coachId, following: true } }),
      db.workbenchFollowChange.findMany({
        where: { coachId, at: { gte: period.from, lt: period.to } },
        select: { kind: true, at: true },
      }),
    ],
    { isolationLevel: "RepeatableRead" },
  );
  return followerFigures(period, total, changes);
}
