import { createHash } from "node:crypto";
import {
  API_KEY_INTROSPECTION_PATH,
  type ApiKeyIdentity,
  isApiKeyRevoked,
  ROUTER_SIGNATURE_HEADER,
  type RouterSigner,
} from "@health/platform/auth";
import { unavailable } from "@health/platform/errors";
import type { Redis } from "@health/platform/redis";
import { subgraphFailure } from "../execution/subgraphFailure.ts";

export interface ApiKeyVerifier {
  /** What the key may do, or null when it is unknown or revoked. */
  verify(key: string): Promise<ApiKeyIdentity | null>;
}

export interface ApiKeyVerifierOptions {
  /** auth's base URL (its introspection route is `POST /api-keys/introspect`). */
  authUrl: string;
  redis: Redis;
  /** Signs the introspection request (auth answers only the router). */
  signer?: RouterSigner;
  /** How long an answer from auth is reused (default 60 s); a revocation still takes effect at once. */
  cacheTtlMs?: number;
  /** auth not answering within this is SUBGRAPH_TIMEOUT, unreachable is SUBGRAPH_UNAVAILABLE (default 5000). */
  timeoutMs?: number;
}

interface Cached {
  identity: ApiKeyIdentity | null;
  until: number;
}

/**
 * Asks auth what a partner key may do and remembers the answer for a minute, keyed by the key's hash.
 * Every request still checks auth's revocation marker in Redis, so a revoked key stops at once.
 */
export function createApiKeyVerifier(options: ApiKeyVerifierOptions): ApiKeyVerifier {
  const ttl = options.cacheTtlMs ?? 60_000;
  const cache = new Map<string, Cached>();
  const endpoint = new URL(API_KEY_INTROSPECTION_PATH, options.authUrl);
  const timeoutMs = options.timeoutMs ?? 5_000;

  const ask = async (body: string, headers: Record<string, string>) => {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(endpoint, { method: "POST", headers, body, signal });
      return { ok: response.ok, status: response.status, answer: response.ok ? await response.json() : null };
    } catch {
      throw signal.aborted
        ? subgraphFailure("auth", "timeout", { timeoutMs })
        : subgraphFailure("auth", "connection");
    }
  };

  const introspect = async (key: string): Promise<ApiKeyIdentity | null> => {
    const body = JSON.stringify({ key });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.signer)
      headers[ROUTER_SIGNATURE_HEADER] = options.signer.sign({
        method: "POST",
        path: endpoint.pathname,
        body,
      });
    const response = await ask(body, headers);
    if (!response.ok) throw new Error(`auth answered ${response.status} to API-key introspection`);
    const answer = response.answer as { active: boolean } & Partial<ApiKeyIdentity>;
    if (!answer.active || !answer.id || !answer.ownerId || !answer.scopes || !answer.rateLimitPerMinute)
      return null;
    return {
      id: answer.id,
      ownerId: answer.ownerId,
      scopes: answer.scopes,
      rateLimitPerMinute: answer.rateLimitPerMinute,
    };
  };

  // A revoked key is usually a leaked one: while the marker cannot be read, no key is let through.
  const isRevoked = (keyId: string) =>
    isApiKeyRevoked(options.redis, keyId).catch(() => {
      throw unavailable("API_KEY_CHECK", "API keys cannot be checked right now; try again in a few seconds.");
    });

  return {
    async verify(key) {
      const hash = createHash("sha256").update(key).digest("hex");
      const now = Date.now();
      let entry = cache.get(hash);
      if (!entry || entry.until <= now) {
        entry = { identity: await introspect(key), until: now + ttl };
        if (cache.size > 10_000) cache.clear();
        cache.set(hash, entry);
      }
      if (entry.identity && (await isRevoked(entry.identity.id))) {
        cache.delete(hash);
        return null;
      }
      return entry.identity;
    },
  };
}
