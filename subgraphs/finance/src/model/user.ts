import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Auth's `User`, extended here with its points (`resolvers/user.resolver.ts`). */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}
