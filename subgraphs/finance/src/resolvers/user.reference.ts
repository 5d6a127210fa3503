import type { User } from "../model/user.ts";

/** Auth owns `User`; this subgraph only needs the key to resolve its own fields. */
export const resolveUserReference = (reference: { __typename: string } & Record<string, unknown>): User => ({
  id: String(reference.id),
});
