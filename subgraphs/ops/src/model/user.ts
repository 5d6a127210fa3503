import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Auth's `User`, referenced by key. This subgraph adds no field to it yet; when it does, drop
 * `resolvable: false` and resolve the reference in `resolvers/user.reference.ts` (see subgraphs/user).
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}

/** A reference to auth's User by id (the router resolves the rest). */
export const userRef = (id: string): User => Object.assign(new User(), { id });
