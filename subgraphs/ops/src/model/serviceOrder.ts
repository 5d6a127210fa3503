import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Trade's `ServiceOrder`, referenced by key: a notification links the order it is about. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class ServiceOrder {
  @Field(() => ID)
  id!: string;
}
