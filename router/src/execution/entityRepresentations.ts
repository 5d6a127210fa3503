import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";

export interface CollapsedRepresentations {
  /** The fetch's variables with each distinct representation once. */
  variables: Record<string, unknown>;
  /** Maps the subgraph's `_entities` (and error paths into it) back onto the original representations. */
  expand(response: GatewayGraphQLResponse): GatewayGraphQLResponse;
}

/**
 * @apollo/gateway sends one representation per occurrence of an entity in the response so far (the
 * benchmark's deepest fetch sends product 1 dozens of times). Sending each distinct one once shrinks the
 * request and the subgraph's work; duplicates then share one result object, which is safe because the
 * gateway only merges identical data into it and its rewrites are idempotent. Returns null when every
 * representation is already distinct.
 */
export function collapseRepresentations(variables: Record<string, unknown>): CollapsedRepresentations | null {
  const representations = variables.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const slotOf = new Map<string, number>();
  const distinct: unknown[] = [];
  const firstOccurrence: number[] = [];
  const slots = representations.map((representation: unknown, index) => {
    const key = JSON.stringify(representation);
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = distinct.length;
      slotOf.set(key, slot);
      distinct.push(representation);
      firstOccurrence.push(index);
    }
    return slot;
  });
  if (distinct.length === representations.length) return null;

  return {
    variables: { ...variables, representations: distinct },
    expand(response) {
      const entities: unknown = response.data?._entities;
      // Anything unexpected goes back as it came: the gateway reports a malformed `_entities` itself.
      if (!Array.isArray(entities) || entities.length !== distinct.length) return response;
      return {
        ...response,
        data: { ...response.data, _entities: slots.map((slot) => entities[slot]) },
        ...(response.errors
          ? {
              errors: response.errors.map((error) =>
                error.path?.[0] === "_entities" && typeof error.path[1] === "number"
                  ? {
                      ...error,
                      path: [
                        "_entities",
                        firstOccurrence[error.path[1]] ?? error.path[1],
                        ...error.path.slice(2),
                      ],
                    }
                  : error,
              ),
            }
          : {}),
      };
    },
  };
}
