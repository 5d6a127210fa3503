import type { UserContext } from "../context.ts";
import type { User } from "../model/user.ts";

/**
 * Auth owns `User`; this subgraph only needs the key to resolve its own fields. An erased person's id
 * resolves to nothing (issue 13), so none of their fields is read, nor any read of them logged.
 */
export const resolveUserReference = async (
  reference: { __typename: string } & Record<string, unknown>,
  ctx: UserContext,
): Promise<User | null> => {
  const id = String(reference.id);
  return (await ctx.loaders.erased.load(id)) ? null : { id };
};
