import type { ApolloServerPlugin } from "@apollo/server";
import type { RateLimiter } from "@health/platform/redis";
import { Kind, type OperationDefinitionNode } from "graphql";
import { rateLimitedError } from "../http/rateLimitRequests.ts";
import { limitExceeded } from "../limits/limitExceeded.ts";
import type { RouterContext } from "./authContext.ts";

/** Mutations that try a credential; an attacker would multiply them with aliases or batching. */
export const CREDENTIAL_MUTATIONS: ReadonlySet<string> = new Set(["login", "register", "refreshToken"]);

const MINUTE = 60_000;

function credentialFields(operation: OperationDefinitionNode): number {
  let count = 0;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && CREDENTIAL_MUTATIONS.has(selection.name.value)) count += 1;
    // A fragment on Mutation holding credential fields is a way around the count: refuse it outright.
    if (selection.kind !== Kind.FIELD) count += 2;
  }
  return count;
}

/**
 * One credential mutation per operation (no aliases, no fragments at the root of a mutation), and each
 * operation that holds one takes from the address's credential budget, so a batch of twenty logins
 * counts twenty. auth's own per-account and per-address throttles stay behind this.
 */
export function credentialMutationsPlugin(
  limiter: RateLimiter,
  perIpPerMinute: number,
): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== "mutation") return;
          const count = credentialFields(operation);
          if (count === 0) return;
          if (count > 1) throw limitExceeded("credentialMutations", 1, count);
          const decision = await limiter.take([
            { key: `credentials:ip:${contextValue.clientIp}`, limit: perIpPerMinute, periodMs: MINUTE },
          ]);
          if (!decision.allowed)
            throw rateLimitedError("Too many sign-in attempts from your address.", decision.retryAfterMs);
        },
      };
    },
  };
}
