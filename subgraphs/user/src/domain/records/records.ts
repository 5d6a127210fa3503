import type { Actor } from "@health/platform/auth";
import type { AppError } from "@health/platform/errors";
import { decodeCursor, keysetAfter, type Page, toPage } from "@health/platform/pagination";
import type { UserDb, UserTx } from "../../db.ts";
import { publishGoalsAchieved } from "../../events/userEvents.ts";
import { type HealthRecord, Prisma } from "../../generated/prisma/client.ts";
import { type AuthorizedRead, readHealthData, readOneHealthData } from "../access/healthData.ts";
import type { GoalView } from "../goals/goals.ts";
import { achievesGoal } from "../goals/rules.ts";
import type { HealthMetric } from "../metrics.ts";
import { pageSizeError, pageSizeOf } from "../pagination.ts";
import { currentValues, valueKey } from "./currentValues.ts";
import { type RecordHealthDataCommand, validateHealthRecord } from "./rules.ts";

export interface RecordedHealthData {
  record: HealthRecord;
  /** Goals this record achieved (marked in the same transaction as the record). */
  achievedGoals: GoalView[];
}

/**
 * Stores the caller's own reading, marks the goal it meets as achieved and publishes `goal_achieved`
 * for it, in one transaction.
 */
export async function recordHealthData(
  db: UserDb,
  actor: Actor,
  input: RecordHealthDataCommand,
  now: Date,
): Promise<RecordedHealthData> {
  const valid = validateHealthRecord(input, now);
  return db.$transaction(async (tx) => {
    const record = await tx.healthRecord.create({ data: { userId: actor.userId, ...valid } });
    const achievedGoals = await markAchievedGoals(tx, actor.userId, valid.metric, valid.recordedAt, now);
    await publishGoalsAchieved(tx, actor, achievedGoals, now);
    return { record, achievedGoals };
  });
}

/** Marks the user's goal for `metric` achieved if the value current at `recordedAt` meets it. */
export async function markAchievedGoals(
  tx: UserTx,
  userId: string,
  metric: HealthMetric,
  recordedAt: Date,
  now: Date,
): Promise<GoalView[]> {
  const goal = await tx.healthGoal.findUnique({ where: { userId_metric: { userId, metric } } });
  if (!goal || goal.achievedAt) return [];
  const current = (await currentValues(tx, [userId], [metric], recordedAt)).get(valueKey(userId, metric));
  const facts = { ...goal, target: Number(goal.target) };
  if (current === undefined || !achievesGoal(facts, current, now)) return [];
  // Conditional, so two records racing to achieve the same goal mark it once.
  const { count } = await tx.healthGoal.updateMany({
    where: { id: goal.id, achievedAt: null },
    data: { achievedAt: now },
  });
  return count === 1 ? [{ ...goal, achievedAt: now, current, progress: 1 }] : [];
}

export interface HealthRecordQuery {
  ownerId: string;
  metric?: HealthMetric | null;
  from?: Date | null;
  to?: Date | null;
  first?: number | null;
  after?: string | null;
}

export type HealthRecordPage = Page<HealthRecord>;

/** One owner's records, newest first, keyset-paginated; a coach sees only the metrics granted. */
export async function listHealthRecords(
  db: UserDb,
  actor: Actor,
  query: HealthRecordQuery,
  now: Date,
): Promise<HealthRecordPage> {
  const size = pageSizeOf(query.first);
  const cursor = query.after ? decodeCursor(query.after, "after") : null;
  const read = { ownerId: query.ownerId, resource: "HEALTH_RECORDS" as const, metric: query.metric };
  return readOneHealthData(db, actor, read, now, async (tx, decision) => {
    const rows = await tx.healthRecord.findMany({
      where: {
        userId: query.ownerId,
        ...(query.metric
          ? { metric: query.metric }
          : decision.metrics
            ? { metric: { in: decision.metrics } }
            : {}),
        recordedAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) },
        ...keysetAfter(cursor, { at: "recordedAt", id: "id" }),
      },
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      take: size + 1,
    });
    return toPage(rows, size, (row) => ({ at: row.recordedAt, id: row.id }));
  });
}

/** Per-parent key of `User.healthRecords` / `User.latestHealthRecord`. */
export interface RecentRecordsKey {
  ownerId: string;
  metric: HealthMetric | null;
  first: number;
}

/**
 * The newest `first` records of many owners in one query per (metric, first) shape, each owner's read
 * checked and logged: the DataLoader batch behind `User.healthRecords`.
 */
export async function recentHealthRecords(
  db: UserDb,
  actor: Actor,
  keys: readonly RecentRecordsKey[],
  now: Date,
): Promise<Array<HealthRecord[] | AppError>> {
  // `first` goes into the SQL below: out of 1..MAX_PAGE_SIZE is BAD_USER_INPUT for that key alone,
  // before anything is read or logged (as `healthRecords(first:)` does).
  const sizeErrors = keys.map((key) => pageSizeError(key.first));
  const valid = keys.filter((_, i) => !sizeErrors[i]);
  const reads = valid.map((key) => ({ ...key, resource: "HEALTH_RECORDS" as const }));
  const results = reads.length === 0 ? [] : await readHealthData(db, actor, reads, now, loadRecent);
  let next = 0;
  return sizeErrors.map((error) => error ?? (results[next++] as HealthRecord[] | AppError));
}

type RecentRead = AuthorizedRead<RecentRecordsKey & { resource: "HEALTH_RECORDS" }>;

/** The metrics a read covers (null: all), and the key of reads answered by the same query. */
function shapeOf({ read, decision }: RecentRead): { scope: HealthMetric[] | null; key: string } {
  const scope = read.metric ? [read.metric] : decision.metrics;
  return { scope, key: `${scope?.join(",") ?? "*"}|${read.first}` };
}

async function loadRecent(tx: UserTx, allowed: RecentRead[]): Promise<HealthRecord[][]> {
  const groups = new Map<string, RecentRead[]>();
  for (const item of allowed) {
    const { key } = shapeOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const found = new Map<string, HealthRecord[]>();
  for (const [key, items] of groups) {
    const [sample] = items as [RecentRead];
    const { scope } = shapeOf(sample);
    const owners = [...new Set(items.map((i) => i.read.ownerId))];
    const metricFilter = scope ? Prisma.sql`AND metric::text = ANY(${scope}::text[])` : Prisma.empty;
    const ids = await tx.$queryRaw<Array<{ id: string }>>(Prisma.sql`
      SELECT id::text AS id FROM (
        SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY recorded_at DESC, id DESC) AS n
        FROM health_records WHERE user_id = ANY(${owners}::uuid[]) ${metricFilter}
      ) ranked WHERE n <= ${sample.read.first}`);
    const rows = await tx.healthRecord.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    });
    for (const owner of owners)
      found.set(
        `${owner}|${key}`,
        rows.filter((r) => r.userId === owner),
      );
  }
  return allowed.map((item) => found.get(`${item.read.ownerId}|${shapeOf(item).key}`) ?? []);
}
