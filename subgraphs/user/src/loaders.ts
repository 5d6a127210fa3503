import type { Actor } from "@health/platform/auth";
import { unauthenticated } from "@health/platform/errors";
import { erasedAmong } from "@health/platform/privacy";
import DataLoader from "dataloader";
import type { UserDeps } from "./deps.ts";
import { latestAssessmentsOf } from "./domain/assessments/assessments.ts";
import { deviceBindingsOf } from "./domain/devices/bindings.ts";
import { type GoalView, healthGoalsOf } from "./domain/goals/goals.ts";
import { type RecentRecordsKey, recentHealthRecords } from "./domain/records/records.ts";
import type { Assessment, DeviceBinding, HealthRecord } from "./generated/prisma/client.ts";

/**
 * Per-request loaders for fields resolved per parent (`User.*` across `_entities`). Each batch goes
 * through a domain function that checks and logs every owner's read, so a loader is not a way around
 * the access rule; a denied key gets its own FORBIDDEN error.
 */
export interface UserLoaders {
  recentHealthRecords: DataLoader<RecentRecordsKey, HealthRecord[], string>;
  healthGoals: DataLoader<string, GoalView[]>;
  latestAssessment: DataLoader<string, Assessment | null>;
  deviceBindings: DataLoader<string, DeviceBinding[]>;
  /** Whether a user was erased (issue 13): their `User` reference resolves to nothing. */
  erased: DataLoader<string, boolean>;
}

type Batch<K, V> = (
  db: UserDeps["db"],
  actor: Actor,
  keys: readonly K[],
  now: Date,
) => Promise<Array<V | Error>>;

function guarded<K, V>(deps: UserDeps, actor: Actor | null, batch: Batch<K, V>) {
  return async (keys: readonly K[]): Promise<Array<V | Error>> =>
    actor ? batch(deps.db, actor, keys, new Date()) : keys.map(() => unauthenticated());
}

export function createUserLoaders(deps: UserDeps, actor: Actor | null): UserLoaders {
  return {
    recentHealthRecords: new DataLoader(
      guarded<RecentRecordsKey, HealthRecord[]>(deps, actor, recentHealthRecords),
      {
        cacheKeyFn: (key) => `${key.ownerId}|${key.metric ?? "*"}|${key.first}`,
      },
    ),
    healthGoals: new DataLoader(guarded<string, GoalView[]>(deps, actor, healthGoalsOf)),
    latestAssessment: new DataLoader(guarded<string, Assessment | null>(deps, actor, latestAssessmentsOf)),
    deviceBindings: new DataLoader(guarded<string, DeviceBinding[]>(deps, actor, deviceBindingsOf)),
    erased: new DataLoader(async (ids: readonly string[]) => {
      const gone = await erasedAmong(deps.db, ids);
      return ids.map((id) => gone.has(id));
    }),
  };
}
