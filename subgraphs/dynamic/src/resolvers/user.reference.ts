import type { DynamicContext } from "../context.ts";
import type { User } from "../model/user.ts";

/**
 * Auth owns `User`; this subgraph only needs the key to resolve its own fields. An erased person's id
 * resolves to nothing (issue 13).
 */
export const resolveUserReference = async (
  reference: { __typename: string } & Record<string, unknown>,
  ctx: DynamicContext,
): Promise<User | null> => {
  const id = String(reference.id);
  return (await ctx.loaders.erased.load(id)) ? null : { id };
};
