import { ErrorCode } from "@health/platform/errors";
import type { RateLimit, RateLimiter } from "@health/platform/redis";
import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import { callerOf } from "./caller.ts";
import { sendGraphQLError } from "./graphqlErrorResponse.ts";
import { operationCount } from "./limitBatchSize.ts";

export interface RateLimits {
  /** Operations per minute from one address (anonymous and signed-in callers). */
  perIpPerMinute: number;
  /** Operations per minute for one signed-in user, wherever they call from. */
  perUserPerMinute: number;
  /** Sign-ins, sign-ups and token refreshes per minute from one address. */
  credentialAttemptsPerIpPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perIpPerMinute: 1_200,
  perUserPerMinute: 600,
  credentialAttemptsPerIpPerMinute: 20,
};

const MINUTE = 60_000;

/** RATE_LIMITED with `retryAfterSeconds` (whole seconds, rounded up); over HTTP also 429 and `Retry-After`. */
export function rateLimitedError(message: string, retryAfterMs: number, overHttp = true): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`${message} Try again in ${retryAfterSeconds} s.`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds,
      ...(overHttp
        ? { http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) } }
        : {}),
    },
  });
}

/**
 * Every operation counts (a batch of five takes five): a partner against its key's own limit; a
 * signed-in user against the per-user and the per-address limits; anyone else against the per-address one.
 */
export function rateLimitRequests(limiter: RateLimiter, limits: RateLimits): RequestHandler {
  return async (req, res, next) => {
    try {
      const { actor, partner, ip } = callerOf(res);
      const cost = operationCount(req.body);
      const buckets: RateLimit[] = [];
      if (partner) {
        buckets.push({ key: `key:${partner.id}`, limit: partner.rateLimitPerMinute, periodMs: MINUTE, cost });
      } else {
        buckets.push({ key: `ip:${ip}`, limit: limits.perIpPerMinute, periodMs: MINUTE, cost });
        if (actor)
          buckets.push({
            key: `user:${actor.userId}`,
            limit: limits.perUserPerMinute,
            periodMs: MINUTE,
            cost,
          });
      }
      const decision = await limiter.take(buckets);
      if (!decision.allowed) {
        const who = partner ? "this API key" : actor ? "your account or address" : "your address";
        return sendGraphQLError(
          res,
          rateLimitedError(`Too many requests for ${who}.`, decision.retryAfterMs),
        );
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
