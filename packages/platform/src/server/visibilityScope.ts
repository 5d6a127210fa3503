import type { ExecutionResult } from "graphql";

/**
 * The subscribe-message extension with which a caller (the router) asks for an operation's visibility
 * scope, and the result extension that answers it. See router/src/subscriptions/README.md.
 */
export const VISIBILITY_SCOPE_EXTENSION = "visibilityScope";

/** The value of the request extension. */
export const ANNOUNCE_SCOPE = "announce";

/** The result extension that names the subscriber's presence key, when its subgraph declared one. */
export const PRESENCE_EXTENSION = "presence";

const declared = new WeakMap<object, string | null>();
const presences = new WeakMap<object, string>();

/**
 * Called by a subscription's `subscribe` resolver: every subscriber that gets `scope` for this field and
 * these arguments receives exactly the same events with the same field values, whoever it is, so one
 * execution may serve them all. `null` (the default) means the stream is this subscriber's own.
 */
export function declareVisibilityScope(context: object, scope: string | null): void {
  declared.set(context, scope);
}

export function visibilityScopeOf(context: unknown): string | null {
  return typeof context === "object" && context !== null ? (declared.get(context) ?? null) : null;
}

/**
 * Called by a subscription's `subscribe` resolver: the router counts this subscriber, and every client
 * it serves from the same stream, as present under `key` (`@health/platform/redis` Presence, under
 * `presenceRedisKey(subgraph, key)`) for as long as each stays subscribed. A shared stream is one
 * upstream subscription, so only the router knows how many watch it.
 */
export function declarePresence(context: object, key: string): void {
  presences.set(context, key);
}

export function presenceOf(context: unknown): string | null {
  return typeof context === "object" && context !== null ? (presences.get(context) ?? null) : null;
}

/** The first result of an operation that asked for its scope (and its presence key, if declared). */
export const scopeAnnouncement = (scope: string | null, presence: string | null = null): ExecutionResult => ({
  extensions: {
    [VISIBILITY_SCOPE_EXTENSION]: scope,
    ...(presence ? { [PRESENCE_EXTENSION]: presence } : {}),
  },
});

/** The presence key an announcement carries, or null. */
export function announcedPresence(result: { extensions?: unknown }): string | null {
  const presence = (result.extensions as Record<string, unknown> | undefined)?.[PRESENCE_EXTENSION];
  return typeof presence === "string" ? presence : null;
}

/** The announced scope (`null`: private), or `undefined` when `result` is not an announcement. */
export function announcedScope(result: {
  data?: unknown;
  errors?: unknown;
  extensions?: unknown;
}): string | null | undefined {
  if (result.data !== undefined || result.errors !== undefined) return undefined;
  const extensions = result.extensions as Record<string, unknown> | undefined;
  if (!extensions || !(VISIBILITY_SCOPE_EXTENSION in extensions)) return undefined;
  const scope = extensions[VISIBILITY_SCOPE_EXTENSION];
  return typeof scope === "string" ? scope : null;
}

/** `first`, then everything `rest` yields; `return()` reaches `rest` at once. */
export function prepend<T>(first: T, rest: AsyncIterator<T>): AsyncIterableIterator<T> {
  let pending = true;
  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      if (!pending) return rest.next();
      pending = false;
      return Promise.resolve({ done: false, value: first });
    },
    return: async () => {
      pending = false;
      await rest.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
