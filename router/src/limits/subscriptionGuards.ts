import type { RateLimiter } from "@health/platform/redis";
import {
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
} from "graphql";
import { rateLimitedError } from "../http/rateLimitRequests.ts";
import type { RouterContext } from "../routerContext.ts";
import type { OperationLimiter } from "./operationLimitsPlugin.ts";

const MINUTE = 60_000;

/** Subscriptions meet the same operation limits as HTTP operations, before they are planned. */
export function refusedByLimits(
  limiter: OperationLimiter | null,
  args: ExecutionArgs,
): ExecutionResult | null {
  const operation = args.document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
  );
  if (!limiter || !operation) return null;
  try {
    limiter.check(args.document, operation, args.schema, args.variableValues ?? {});
    return null;
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
}

/**
 * Each subscribe takes from the subscriber's per-user budget, the one its HTTP operations use, so a
 * socket cannot open subscriptions without bound. (Every socket carries a verified token.)
 */
export async function refusedByRateLimit(
  limiter: RateLimiter | null,
  perUserPerMinute: number,
  args: ExecutionArgs,
): Promise<ExecutionResult | null> {
  const { actor } = args.contextValue as RouterContext;
  if (!limiter || !actor) return null;
  const decision = await limiter.take([
    { key: `user:${actor.userId}`, limit: perUserPerMinute, periodMs: MINUTE },
  ]);
  if (decision.allowed) return null;
  return {
    errors: [rateLimitedError("Too many operations for your account.", decision.retryAfterMs, false)],
  };
}
