import type { Actor, ApiKeyIdentity } from "@health/platform/auth";
import type { Response } from "express";

/** Who sent an HTTP request, decided once by `identifyCaller` before anything else reads the body. */
export interface Caller {
  /** A signed-in user (bearer token), or null. */
  actor: Actor | null;
  /** A partner (x-api-key), or null. Never both. */
  partner: ApiKeyIdentity | null;
  ip: string;
}

export const callerOf = (res: Response): Caller => res.locals.caller as Caller;

/** Developers may introspect and run ad-hoc operations where others may not. */
export const isDeveloper = (caller: Pick<Caller, "actor">): boolean =>
  caller.actor?.roles.includes("developer") ?? false;
