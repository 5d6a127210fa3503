/** The `generation_tasks` columns as the Prisma model names them, for raw `RETURNING` clauses. */
export const TASK_COLUMNS = `id, owner_id AS "ownerId", kind, input, status, attempts, version, last_error AS "lastError",
  provider, model, prompt_version AS "promptVersion", output, idempotency_key AS "idempotencyKey",
  lease_until AS "leaseUntil", created_at AS "createdAt", started_at AS "startedAt",
  finished_at AS "finishedAt", updated_at AS "updatedAt"`;
