import { markApiKeyRevoked, markSessionRevoked } from "@health/platform/auth";
import type { SqlExecutor } from "@health/platform/events";
import type { AuthDeps } from "../deps.ts";

/**
 * Marks every live session and API key of the person revoked in Redis, as a sign-out or a key's
 * revocation does: the router and the subgraphs refuse their tokens from then on. A marker that cannot be
 * written throws, so the caller's transaction rolls back and is tried again.
 */
export async function markAccessRevoked(
  deps: Pick<AuthDeps, "redis" | "config">,
  tx: SqlExecutor,
  userId: string,
): Promise<void> {
  const sessions = await tx.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT "id"::text FROM "sessions" WHERE "account_id" = $1::uuid AND "revoked_at" IS NULL`,
    userId,
  );
  const keys = await tx.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT "id"::text FROM "api_keys" WHERE "owner_id" = $1::uuid AND "revoked_at" IS NULL`,
    userId,
  );
  for (const { id } of sessions)
    await markSessionRevoked(deps.redis, id, deps.config.ACCESS_TOKEN_TTL_SECONDS);
  for (const { id } of keys) await markApiKeyRevoked(deps.redis, id);
}
