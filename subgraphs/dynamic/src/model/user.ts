import { Directive, Field, ID, ObjectType } from "type-graphql";

/** The auth subgraph's `User`, extended here with follows and activities (`user.resolver.ts`). */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}

export const userRef = (id: string): User => ({ id });
