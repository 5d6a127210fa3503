import type { Redis } from "ioredis";

/**
 * What a partner API key may do. Each scope is a folder of persisted partner operations,
 * `schema/operations/partner/<scope>/`; auth refuses any other scope when a key is created.
 */
export const PARTNER_SCOPES = ["catalog", "feed"] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export const isPartnerScope = (value: string): value is PartnerScope =>
  PARTNER_SCOPES.includes(value as PartnerScope);

/** Partner keys start with this, so secret scanners and people can recognise one. */
export const API_KEY_PREFIX = "hpk_";

/** What auth's `POST /api-keys/introspect` answers for a live key. */
export interface ApiKeyIdentity {
  id: string;
  ownerId: string;
  scopes: string[];
  rateLimitPerMinute: number;
}

export const API_KEY_INTROSPECTION_PATH = "/api-keys/introspect";

/**
 * Revoked keys, shared through Redis: the router caches what a key may do for a minute, and checks
 * this marker on every request so a revocation takes effect at once.
 */
export const revokedApiKeyKey = (keyId: string): string => `auth:revoked-api-key:${keyId}`;

/** Kept a day: far longer than any cache of the key's identity. */
const REVOKED_MARKER_TTL_SECONDS = 24 * 3600;

export async function markApiKeyRevoked(redis: Redis, keyId: string): Promise<void> {
  await redis.set(revokedApiKeyKey(keyId), "1", "EX", REVOKED_MARKER_TTL_SECONDS);
}

export async function isApiKeyRevoked(redis: Redis, keyId: string): Promise<boolean> {
  return (await redis.exists(revokedApiKeyKey(keyId))) === 1;
}
