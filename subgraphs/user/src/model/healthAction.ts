import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { HealthActionType } from "../domain/actions/rules.ts";

registerEnumType(HealthActionType, { name: "HealthActionType" });

@ObjectType({ description: "Something the user did for their health." })
export class HealthAction {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => HealthActionType)
  type!: HealthActionType;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int, { nullable: true })
  durationMinutes!: number | null;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => Date)
  createdAt!: Date;
}
