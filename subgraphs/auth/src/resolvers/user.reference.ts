import type { AuthContext } from "../context.ts";
import { toUser } from "../model/user.ts";

/** Resolves `User` references from other subgraphs, batched per request. */
export async function resolveUserReference(reference: Record<string, unknown>, ctx: AuthContext) {
  const account = await ctx.loaders.accountById.load(String(reference.id));
  return account ? toUser(account, ctx.actor) : null;
}
