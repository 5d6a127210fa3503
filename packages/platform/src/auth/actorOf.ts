import { unauthenticated } from "../errors/appError.ts";
import type { Actor } from "./actor.ts";

/** The caller of an `@Authorized` method (the auth checker has already refused anonymous calls). */
export function actorOf(ctx: { actor: Actor | null }): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
