import { createHash } from "node:crypto";
import { accountCreatedV1, authAdminActionRecordedV1, loginFailedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import {
  type AdminAction,
  publishAdminAction,
  publishEvent,
  type SqlExecutor,
} from "@health/platform/events";

// What auth tells the platform (ops's risk rules and audit log): an account's birth, refused sign-ins
// and its admins' actions. Never an
// email or a password: a failed sign-in carries the SHA-256 of the normalised identifier only.

/** SHA-256 (hex) of an identifier already normalised (normalizeEmail). */
export const identifierHash = (normalized: string): string =>
  createHash("sha256").update(normalized).digest("hex");

export type LoginFailure = "UNKNOWN_ACCOUNT" | "WRONG_PASSWORD" | "ACCOUNT_DISABLED";

/** login_failed, in its own one-statement transaction (nothing else of a refused sign-in is written). */
export async function publishLoginFailed(
  db: SqlExecutor,
  failure: { accountId: string | null; email: string; reason: LoginFailure; at: Date },
): Promise<void> {
  const hash = identifierHash(failure.email);
  await publishEvent(
    db,
    loginFailedV1,
    {
      accountId: failure.accountId,
      identifierHash: hash,
      reason: failure.reason,
      failedAt: failure.at.toISOString(),
    },
    // One identifier's failures stay in order.
    { aggregateId: failure.accountId ?? `identifier:${hash}`, occurredAt: failure.at },
  );
}

/** account_created, in the registration's transaction. */
export async function publishAccountCreated(
  tx: SqlExecutor,
  account: { id: string; createdAt: Date },
): Promise<void> {
  await publishEvent(
    tx,
    accountCreatedV1,
    { accountId: account.id, createdAt: account.createdAt.toISOString() },
    { aggregateId: account.id, actorId: account.id, occurredAt: account.createdAt },
  );
}

/**
 * admin_action_recorded (ops's audit log), in the admin action's transaction: granting a role, deciding
 * a coach application, issuing or revoking another owner's API key, rotating the signing key.
 */
export const publishAuthAdminAction = (
  tx: SqlExecutor,
  admin: Pick<Actor, "userId">,
  action: AdminAction,
): Promise<unknown> => publishAdminAction(tx, authAdminActionRecordedV1, admin, action);
