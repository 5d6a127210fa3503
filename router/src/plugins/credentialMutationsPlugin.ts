import type { ApolloServerPlugin } from "@apollo/server";
import { unavailable } from "@health/platform/errors";
import { type RateLimiter, RedisUnavailableError } from "@health/platform/redis";
import { type DocumentNode, Kind, type OperationDefinitionNode, type SelectionNode } from "graphql";
import { rateLimitedError } from "../http/rateLimitRequests.ts";
import { unavailableOverHttp } from "../http/unavailableOverHttp.ts";
import { limitExceeded } from "../limits/limitExceeded.ts";
import type { RouterContext } from "../routerContext.ts";

/** Mutations that try a credential; an attacker would multiply them with aliases or batching. */
export const CREDENTIAL_MUTATIONS: ReadonlySet<string> = new Set(["login", "register", "refreshToken"]);

const MINUTE = 60_000;

/** Credential fields at the root of a mutation, through fragments and inline fragments. */
function credentialFields(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  const seen = new Set<string>();
  const count = (selections: readonly SelectionNode[]): number => {
    let total = 0;
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) total += CREDENTIAL_MUTATIONS.has(selection.name.value) ? 1 : 0;
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet.selections);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        total += count(fragments.get(selection.name.value)?.selectionSet.selections ?? []);
      }
    }
    return total;
  };
  return count(operation.selectionSet.selections);
}

/**
 * One credential mutation per operation (a second one, aliased or through a fragment, is refused), and each
 * operation that holds one takes from the address's credential budget, so a batch of twenty logins
 * counts twenty. auth's own per-account and per-address throttles stay behind this. While Redis is
 * unreachable this budget cannot be shared between routers, so credential mutations are refused
 * (UNAVAILABLE, reason CREDENTIAL_LIMIT) rather than let guesses through N times faster.
 */
export function credentialMutationsPlugin(
  limiter: RateLimiter,
  perIpPerMinute: number,
): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation !== "mutation") return;
          const count = credentialFields(operation, document);
          if (count === 0) return;
          if (count > 1) throw limitExceeded("credentialMutations", 1, count);
          const decision = await limiter
            .take(
              [{ key: `credentials:ip:${contextValue.clientIp}`, limit: perIpPerMinute, periodMs: MINUTE }],
              {
                whenRedisDown: "refuse",
              },
            )
            .catch((error: unknown) => {
              if (!(error instanceof RedisUnavailableError)) throw error;
              throw unavailableOverHttp(
                unavailable("CREDENTIAL_LIMIT", "Signing in is unavailable for a moment; try again shortly."),
              );
            });
          if (!decision.allowed)
            throw rateLimitedError("Too many sign-in attempts from your address.", decision.retryAfterMs);
        },
      };
    },
  };
}
