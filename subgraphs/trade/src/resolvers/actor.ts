import type { Actor } from "@health/platform/auth";
import { unauthenticated } from "@health/platform/errors";
import type { TradeContext } from "../context.ts";

/** The caller of an `@Authorized` method (the auth checker has already refused anonymous calls). */
export function actorOf(ctx: TradeContext): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}
