import type { User } from "../model/user.ts";

/** Auth owns `User`: ai keeps the key and what the router brought for `@requires` (insightSource). */
export const resolveUserReference = (reference: { __typename: string } & Record<string, unknown>): User => ({
  id: String(reference.id),
  insightSource: (reference.insightSource ?? null) as User["insightSource"],
});
