import type { EventDefinition } from "@health/events/define";
import { isUuid, namesPerson } from "@health/events/people";
import type { HandlerRegistration } from "../events/handlers.ts";
import { erasedAmongLocked, tombstonesOf } from "./erasedUsers.ts";

/**
 * Every person a payload names, lowercased, each once: the UUIDs under a `<role>Id` key of the catalog's
 * classification (`@health/events/people`) at any depth, in an array there too, and an admin action's
 * `subjectId` when its `subjectType` is a User.
 */
export function personIdsIn(payload: unknown): string[] {
  const found = new Set<string>();
  const take = (value: unknown): void => {
    if (typeof value === "string" && isUuid(value)) found.add(value.toLowerCase());
    else if (Array.isArray(value)) for (const item of value) take(item);
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
    const record = value as Record<string, unknown>;
    if (record.subjectType === "User") take(record.subjectId);
    for (const [key, member] of Object.entries(record)) {
      if (namesPerson(key)) take(member);
      else walk(member);
    }
  };
  walk(payload);
  return [...found];
}

/** `payload` with every person id `personIdsIn` finds passed through `replace` (lowercased first). */
export function replacePersonIds<T>(payload: T, replace: (id: string) => string): T {
  const one = (value: unknown): unknown => {
    if (typeof value === "string" && isUuid(value)) return replace(value.toLowerCase());
    return Array.isArray(value) ? value.map(one) : value;
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(record).map(([key, member]) => [
        key,
        namesPerson(key) || (key === "subjectId" && record.subjectType === "User")
          ? one(member)
          : walk(member),
      ]),
    );
  };
  return walk(payload) as T;
}

/** Thrown for an event that must post under a tombstone when none is known: it goes to the dead letters. */
export class ErasedPersonEventError extends Error {
  constructor(subject: string) {
    super(
      `${subject} names a person erased here whose tombstone is not known; it moves to the dead letters for an operator to settle against the erasure's tombstone.`,
    );
  }
}

export interface LateEventOptions {
  /**
   * Events whose handler still runs when they name an erased person, with each erased person's id in the
   * payload replaced by their erasure's tombstone (kept by `rememberErasure(tx, id, tombstoneId)`), as
   * erasure left their other rows: money that really moved is neither dropped nor posted under the raw
   * id. One naming an erased person with no tombstone kept fails (retried, then dead-lettered). Default none.
   */
  tombstoned?: readonly EventDefinition[];
}

/**
 * The late-event rule (README "late events"): each handler runs only when its event names no person this
 * subgraph erased (its `erased_users`). Otherwise the handler makes nothing, and the consumer records the
 * event in its inbox as handled, so a redelivery or a replayed backlog cannot bring an erased person back.
 */
export function skippingErased(
  handlers: readonly HandlerRegistration[],
  options: LateEventOptions = {},
): HandlerRegistration[] {
  const posted = new Set(options.tombstoned ?? []);
  return handlers.map((registration) => ({
    event: registration.event,
    handle: async (tx, envelope, effects) => {
      const erased = await erasedAmongLocked(tx, personIdsIn(envelope.payload));
      if (erased.size === 0) return registration.handle(tx, envelope, effects);
      if (!posted.has(registration.event)) return;
      const tombstones = await tombstonesOf(tx, [...erased]);
      if (tombstones.size < erased.size) throw new ErasedPersonEventError(registration.event.subject);
      const payload = replacePersonIds(envelope.payload, (id) => tombstones.get(id) ?? id);
      return registration.handle(tx, { ...envelope, payload }, effects);
    },
  }));
}
