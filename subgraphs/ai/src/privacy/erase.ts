import type { SqlExecutor } from "@health/platform/events";
import { type ErasedSubject, type ErasedTable, rememberErasure } from "@health/platform/privacy";

/** Each table's rows about the person: the column that names them (every one of ai's tables is DELETE). */
const PERSON_COLUMNS: ReadonlyArray<readonly [table: string, column: string]> = [
  ["generation_tasks", "owner_id"],
  ["published_content", "author_id"],
  ["risk_observations", "user_id"],
  ["risk_scores", "user_id"],
  ["matching_coach_profiles", "coach_id"],
  ["matching_coach_levels", "coach_id"],
  ["matching_ratings", "coach_id"],
  ["matching_orders", "coach_id"],
];

/**
 * Deletes everything ai holds about the person (privacy/policy.ts), in the consumer's transaction. A
 * generation task still QUEUED or RUNNING is deleted with the rest: its job then finds no row and is
 * acknowledged, and a worker running it finds its row gone at its next write and stops (`aiPrivacy`'s
 * `purgeOutside` tells it at once). Idempotent: a second run deletes nothing and counts zeros.
 */
export async function eraseAi(tx: SqlExecutor, subject: ErasedSubject): Promise<ErasedTable[]> {
  // First: it waits for a late event's handler in flight (its shared lock) and turns away those after.
  await rememberErasure(tx, subject.userId);
  const erased: ErasedTable[] = [];
  for (const [table, column] of PERSON_COLUMNS) {
    const rows = await tx.$executeRawUnsafe(
      `DELETE FROM "${table}" WHERE "${column}" = $1::uuid`,
      subject.userId,
    );
    erased.push({ table, action: "DELETED", rows });
  }
  return erased;
}
