import type { SqlExecutor } from "../events/sql.ts";
import type { SagaState, SagaStatus } from "./defineSaga.ts";

// The SQL of the `saga_instances` table (model SagaInstance in each owning subgraph's schema, README.md).

/** What Prisma migrates from the SagaInstance model; tests without a generated client create it from here. */
export const SAGA_TABLE_SQL = `
CREATE TABLE "saga_instances" (
    "id" UUID NOT NULL,
    "saga" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "failure" TEXT,
    "deadline_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "saga_instances_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "saga_instances_saga_status_deadline_at_idx" ON "saga_instances"("saga", "status", "deadline_at");`;

interface SagaRow {
  id: string;
  saga: string;
  step: number;
  status: SagaStatus;
  data: unknown;
  failure: string | null;
}

const COLUMNS = `id::text AS id, saga, step, status, data, failure`;

const stateOf = <D>(row: SagaRow): SagaState<D> => ({ ...row, data: row.data as D });

export async function insertSaga(tx: SqlExecutor, saga: SagaState<unknown>, now: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO saga_instances (id, saga, step, status, data, created_at, updated_at)
     VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6, $6)`,
    saga.id,
    saga.saga,
    saga.step,
    saga.status,
    JSON.stringify(saga.data),
    now,
  );
}

/** Writes where the saga is; `deadline` is when its waiting step times out (null when not waiting). */
export async function saveSaga(
  tx: SqlExecutor,
  saga: SagaState<unknown>,
  deadline: Date | null,
  now: Date,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE saga_instances SET step = $2, status = $3, data = $4::jsonb, failure = $5, deadline_at = $6,
            updated_at = $7
      WHERE id = $1::uuid`,
    saga.id,
    saga.step,
    saga.status,
    JSON.stringify(saga.data),
    saga.failure,
    deadline,
    now,
  );
}

/**
 * The saga `id` of kind `saga`, locked for the rest of `tx`; null when there is none. The saga's own
 * moves (a reply, the timeout sweeper) lock its row before the owner's rows they change, so a
 * transaction that changes an owner's row and then resumes its saga must lock the saga first, or the
 * two deadlock.
 */
export async function lockSaga<D>(tx: SqlExecutor, saga: string, id: string): Promise<SagaState<D> | null> {
  const rows = await tx.$queryRawUnsafe<SagaRow[]>(
    `SELECT ${COLUMNS} FROM saga_instances WHERE id = $1::uuid AND saga = $2 FOR UPDATE`,
    id,
    saga,
  );
  return rows[0] ? stateOf<D>(rows[0]) : null;
}

/** Up to `limit` RUNNING sagas of kind `saga` past their deadline, locked; others' locks are skipped. */
export async function claimOverdueSagas<D>(
  tx: SqlExecutor,
  saga: string,
  now: Date,
  limit: number,
): Promise<SagaState<D>[]> {
  const rows = await tx.$queryRawUnsafe<SagaRow[]>(
    `SELECT ${COLUMNS} FROM saga_instances
      WHERE saga = $1 AND status = 'RUNNING' AND deadline_at <= $2
      ORDER BY deadline_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
    saga,
    now,
    limit,
  );
  return rows.map(stateOf<D>);
}

/** One saga as it stands, unlocked (tests, operators). */
export async function readSaga<D>(db: SqlExecutor, id: string): Promise<SagaState<D> | null> {
  const rows = await db.$queryRawUnsafe<SagaRow[]>(
    `SELECT ${COLUMNS} FROM saga_instances WHERE id = $1::uuid`,
    id,
  );
  return rows[0] ? stateOf<D>(rows[0]) : null;
}
