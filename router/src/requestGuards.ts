import { SessionRevocationCheck, type TokenVerifier, withSessionRevocation } from "@health/platform/auth";
import type { Logger } from "@health/platform/logging";
import { RateLimiter, type Redis, redisDownWarning } from "@health/platform/redis";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./http/rateLimitRequests.ts";
import { readCostDirectives } from "./limits/costDirectives.ts";
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from "./limits/operationLimits.ts";
import { createOperationLimiter, type OperationLimiter } from "./limits/operationLimitsPlugin.ts";
import { PersistedDocuments, type PersistedDocumentsSource } from "./persisted/persistedDocuments.ts";
import type { TrustedDocumentsMode } from "./persisted/trustedDocuments.ts";

/** The `RouterOptions` (createRouter.ts) the guards are built from, with the same defaults. */
export interface RequestGuardsOptions {
  supergraphSdl: string;
  verifier: TokenVerifier;
  logger: Logger;
  isSessionRevoked?: (sessionId: string) => Promise<boolean>;
  redis?: Redis;
  limits?: OperationLimits | false;
  rateLimits?: RateLimits | false;
  persistedDocuments?: { source: PersistedDocumentsSource; mode: TrustedDocumentsMode };
}

/**
 * What decides whether a request may run, built once and applied alike over HTTP and WebSocket, so a
 * rule added for one path holds on the other.
 */
export interface RequestGuards {
  /** The caller's token, refused when its session was signed out. */
  callerVerifier: TokenVerifier;
  /** Null without `isSessionRevoked`. */
  sessions: SessionRevocationCheck | null;
  /** One warning shared by everything that goes on without Redis, so an outage is not logged per part. */
  redisDown: (error: unknown) => void;
  /** Null when turned off. */
  limits: OperationLimits | null;
  operationLimiter: OperationLimiter | null;
  /** Null when turned off. */
  rateLimits: RateLimits | null;
  /** Null without Redis or without rate limits. */
  limiter: RateLimiter | null;
  /** Null without `persistedDocuments`. */
  manifest: { documents: PersistedDocuments; mode: TrustedDocumentsMode } | null;
}

export function createRequestGuards(options: RequestGuardsOptions): RequestGuards {
  const { logger } = options;
  const redisDown = redisDownWarning(logger);
  const sessions = options.isSessionRevoked
    ? new SessionRevocationCheck(options.isSessionRevoked, { onRedisDown: redisDown })
    : null;
  const limits = options.limits === false ? null : (options.limits ?? DEFAULT_OPERATION_LIMITS);
  const rateLimits = options.rateLimits === false ? null : (options.rateLimits ?? DEFAULT_RATE_LIMITS);
  return {
    callerVerifier: withSessionRevocation(options.verifier, sessions?.isRevoked),
    sessions,
    redisDown,
    limits,
    operationLimiter: limits
      ? createOperationLimiter(limits, readCostDirectives(options.supergraphSdl))
      : null,
    rateLimits,
    limiter: options.redis && rateLimits ? new RateLimiter(options.redis, { onRedisDown: redisDown }) : null,
    manifest: options.persistedDocuments
      ? {
          documents: new PersistedDocuments(options.persistedDocuments.source, logger),
          mode: options.persistedDocuments.mode,
        }
      : null,
  };
}
