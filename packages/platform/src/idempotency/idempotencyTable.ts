import type { SqlExecutor } from "../events/sql.ts";

/**
 * What Prisma migrates from the IdempotencyKey model (README.md): the table each subgraph that takes
 * idempotency keys holds in its own database. Tests without a generated client create it from here.
 */
export const IDEMPOTENCY_TABLE_SQL = `
CREATE TABLE "idempotency_keys" (
    "caller_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "parameters_hash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "claim_token" UUID NOT NULL,
    "answer" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("caller_id","key")
);
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");`;

export type KeyState = "IN_PROGRESS" | "COMPLETED";

export interface KeyRow {
  parametersHash: string;
  state: KeyState;
  answer: unknown;
}

export interface KeyClaim {
  callerId: string;
  key: string;
  parametersHash: string;
  claimToken: string;
}

/**
 * Claims a key: a new row, or an old one taken over (a key past its retention, or a claim with the same
 * parameters whose holder stopped touching it `staleAfterSeconds` ago: a crashed process). Otherwise
 * nothing is written and false comes back; one statement, so two claims never both win.
 */
export async function claimKey(
  db: SqlExecutor,
  claim: KeyClaim,
  retentionSeconds: number,
  staleAfterSeconds: number,
): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<unknown[]>(
    `INSERT INTO idempotency_keys (caller_id, key, parameters_hash, state, claim_token)
     VALUES ($1, $2, $3, 'IN_PROGRESS', $4::uuid)
     ON CONFLICT (caller_id, key) DO UPDATE
        SET parameters_hash = EXCLUDED.parameters_hash, state = 'IN_PROGRESS', claim_token = EXCLUDED.claim_token,
            answer = NULL, created_at = now(), updated_at = now()
      WHERE idempotency_keys.created_at < now() - make_interval(secs => $5::float8)
         OR (idempotency_keys.state = 'IN_PROGRESS'
             AND idempotency_keys.parameters_hash = EXCLUDED.parameters_hash
             AND idempotency_keys.updated_at < now() - make_interval(secs => $6::float8))
     RETURNING 1`,
    claim.callerId,
    claim.key,
    claim.parametersHash,
    claim.claimToken,
    retentionSeconds,
    staleAfterSeconds,
  );
  return rows.length === 1;
}

export async function readKey(db: SqlExecutor, callerId: string, key: string): Promise<KeyRow | null> {
  const [row] = await db.$queryRawUnsafe<Array<KeyRow>>(
    `SELECT parameters_hash AS "parametersHash", state, answer
       FROM idempotency_keys WHERE caller_id = $1 AND key = $2`,
    callerId,
    key,
  );
  if (!row) return null;
  return { ...row, answer: typeof row.answer === "string" ? JSON.parse(row.answer) : row.answer };
}

/**
 * Stores the answer of the claim holding `claim.claimToken` and returns it as stored (jsonb's own key
 * order, so the first caller sees exactly what every retry will); null when that claim was taken over.
 */
export async function completeKey(db: SqlExecutor, claim: KeyClaim, answer: unknown): Promise<unknown> {
  const [row] = await db.$queryRawUnsafe<Array<{ answer: unknown }>>(
    `UPDATE idempotency_keys SET state = 'COMPLETED', answer = $4::jsonb, updated_at = now()
      WHERE caller_id = $1 AND key = $2 AND claim_token = $3::uuid AND state = 'IN_PROGRESS'
     RETURNING answer`,
    claim.callerId,
    claim.key,
    claim.claimToken,
    JSON.stringify(answer),
  );
  if (!row) return null;
  return typeof row.answer === "string" ? JSON.parse(row.answer) : row.answer;
}

/** Gives a claim back (its run failed unexpectedly), so that a retry runs the request afresh. */
export async function releaseKey(db: SqlExecutor, claim: KeyClaim): Promise<void> {
  await db.$executeRawUnsafe(
    `DELETE FROM idempotency_keys
      WHERE caller_id = $1 AND key = $2 AND claim_token = $3::uuid AND state = 'IN_PROGRESS'`,
    claim.callerId,
    claim.key,
    claim.claimToken,
  );
}

/** Deletes up to `limit` keys created more than `retentionSeconds` ago; returns how many went. */
export function deleteExpiredKeys(db: SqlExecutor, retentionSeconds: number, limit = 5_000): Promise<number> {
  return db.$executeRawUnsafe(
    `DELETE FROM idempotency_keys WHERE ctid IN (
       SELECT ctid FROM idempotency_keys
        WHERE created_at < now() - make_interval(secs => $1::float8) LIMIT $2)`,
    retentionSeconds,
    limit,
  );
}
