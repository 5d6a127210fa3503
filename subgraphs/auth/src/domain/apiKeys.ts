import { createHash, randomBytes } from "node:crypto";
import {
  type Actor,
  API_KEY_PREFIX,
  type ApiKeyIdentity,
  isPartnerScope,
  markApiKeyRevoked,
  PARTNER_SCOPES,
} from "@health/platform/auth";
import { badInput, forbidden, notFound, unavailable } from "@health/platform/errors";
import type { AuthDeps } from "../deps.ts";
import type { ApiKey } from "../generated/prisma/client.ts";
import { assertUserId } from "./accounts.ts";
import { publishAuthAdminAction } from "./authEvents.ts";

export interface NewApiKeyInput {
  ownerId: string;
  name: string;
  scopes: string[];
  rateLimitPerMinute: number;
}

/** Bounds an admin may set; the router enforces the chosen limit per key. */
export const RATE_LIMIT_PER_MINUTE = { min: 1, max: 100_000 } as const;

export const hashApiKey = (key: string): string => createHash("sha256").update(key).digest("hex");

/** Checks a new key's input before anything is written; throws BAD_USER_INPUT naming the field. */
export function validateNewApiKey(input: NewApiKeyInput): void {
  assertUserId("input.ownerId", input.ownerId);
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw badInput("input.name", "Name the key in 1–100 characters.");
  if (input.scopes.length === 0)
    throw badInput("input.scopes", `Give at least one scope: ${PARTNER_SCOPES.join(", ")}.`);
  const unknown = input.scopes.filter((scope) => !isPartnerScope(scope));
  if (unknown.length > 0)
    throw badInput(
      "input.scopes",
      `Unknown scope ${unknown.map((s) => `"${s}"`).join(", ")}; scopes are ${PARTNER_SCOPES.join(", ")}.`,
    );
  const { min, max } = RATE_LIMIT_PER_MINUTE;
  if (
    !Number.isInteger(input.rateLimitPerMinute) ||
    input.rateLimitPerMinute < min ||
    input.rateLimitPerMinute > max
  )
    throw badInput("input.rateLimitPerMinute", `The rate limit is requests per minute, ${min}–${max}.`);
}

/**
 * Issues a key for a partner account (admins only, by the resolver). The secret is returned once and
 * only its hash is stored; the issue is recorded for the audit log (never the secret) with the key.
 */
export async function createApiKey(
  deps: Pick<AuthDeps, "db">,
  admin: Actor,
  input: NewApiKeyInput,
): Promise<{ apiKey: ApiKey; secret: string }> {
  validateNewApiKey(input);
  const owner = await deps.db.account.findUnique({ where: { id: input.ownerId } });
  if (!owner) throw notFound("User", input.ownerId);
  if (!owner.roles.includes("partner"))
    throw badInput("input.ownerId", "API keys belong to partner accounts; grant the PARTNER role first.");
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const apiKey = await deps.db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        ownerId: owner.id,
        name: input.name.trim(),
        prefix: secret.slice(0, API_KEY_PREFIX.length + 6),
        keyHash: hashApiKey(secret),
        scopes: [...new Set(input.scopes)],
        rateLimitPerMinute: input.rateLimitPerMinute,
      },
    });
    await publishAuthAdminAction(tx, admin, {
      action: "create_api_key",
      subjectType: "ApiKey",
      subjectId: created.id,
      details: {
        ownerId: created.ownerId,
        name: created.name,
        scopes: created.scopes,
        rateLimitPerMinute: created.rateLimitPerMinute,
      },
    });
    return created;
  });
  return { apiKey, secret };
}

/** Admins see every owner's keys; a partner sees their own. */
export async function listApiKeys(
  deps: Pick<AuthDeps, "db">,
  actor: Actor,
  ownerId: string,
): Promise<ApiKey[]> {
  assertUserId("ownerId", ownerId);
  if (ownerId !== actor.userId && !actor.roles.includes("admin"))
    throw forbidden("Only the keys' owner or an admin may list them.");
  return deps.db.apiKey.findMany({ where: { ownerId }, orderBy: { createdAt: "desc" } });
}

/**
 * Ends a key at once (the router checks the revocation marker on every request). Revoking twice changes
 * nothing. The marker is written first: while Redis is down nothing is revoked (UNAVAILABLE), never half.
 * An admin revoking a key that is not theirs is recorded for the audit log with the revocation.
 */
export async function revokeApiKey(
  deps: Pick<AuthDeps, "db" | "redis">,
  actor: Actor,
  id: string,
): Promise<ApiKey> {
  assertUserId("id", id);
  const apiKey = await deps.db.apiKey.findUnique({ where: { id } });
  if (!apiKey || (apiKey.ownerId !== actor.userId && !actor.roles.includes("admin")))
    throw notFound("API key", id);
  await markApiKeyRevoked(deps.redis, id).catch(() => {
    throw unavailable("API_KEY_REVOCATION", "Revoking keys is unavailable for a moment; try again shortly.");
  });
  if (apiKey.revokedAt) return apiKey;
  return deps.db.$transaction(async (tx) => {
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    if (apiKey.ownerId !== actor.userId)
      await publishAuthAdminAction(tx, actor, {
        action: "revoke_api_key",
        subjectType: "ApiKey",
        subjectId: id,
        details: { ownerId: apiKey.ownerId, name: apiKey.name },
      });
    return revoked;
  });
}

/** What a presented key may do, or null for an unknown or revoked one. */
export async function introspectApiKey(
  deps: Pick<AuthDeps, "db">,
  key: string,
): Promise<ApiKeyIdentity | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const apiKey = await deps.db.apiKey.findUnique({ where: { keyHash: hashApiKey(key) } });
  if (!apiKey || apiKey.revokedAt) return null;
  return {
    id: apiKey.id,
    ownerId: apiKey.ownerId,
    scopes: apiKey.scopes,
    rateLimitPerMinute: apiKey.rateLimitPerMinute,
  };
}
