import type { EventDefinition } from "@health/events/define";
import { isUuid, namesPerson } from "@health/events/people";
import type { HandlerRegistration } from "../events/handlers.ts";
import { erasedAmongLocked } from "./erasedUsers.ts";

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

/** Thrown for an event a subgraph may neither drop nor apply after an erasure: it goes to the dead letters. */
export class ErasedPersonEventError extends Error {
  constructor(subject: string) {
    super(
      `${subject} names a person erased here; it moves to the dead letters for an operator to settle against the erasure's tombstone.`,
    );
  }
}

export interface LateEventOptions {
  /**
   * Events whose handler is not to be skipped but failed (retried, then dead-lettered) when they name an
   * erased person: money that really moved must not be dropped silently, and must not be posted under
   * the raw id (default none).
   */
  deadLetter?: readonly EventDefinition[];
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
  const failing = new Set(options.deadLetter ?? []);
  return handlers.map((registration) => ({
    event: registration.event,
    handle: async (tx, envelope, effects) => {
      const erased = await erasedAmongLocked(tx, personIdsIn(envelope.payload));
      if (erased.size === 0) return registration.handle(tx, envelope, effects);
      if (failing.has(registration.event)) throw new ErasedPersonEventError(registration.event.subject);
    },
  }));
}
