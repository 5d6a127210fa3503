import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Auth's `User`, referenced by key only: the router resolves its fields from auth. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}

export const userRef = (id: string): User => ({ id });
