import { Field, InputType, Int } from "type-graphql";
import { HealthActionType } from "../domain/actions/rules.ts";

@InputType()
export class RecordHealthActionInput {
  @Field(() => HealthActionType)
  type!: HealthActionType;

  @Field(() => String, { nullable: true, description: "At most 1000 characters." })
  note?: string | null;

  @Field(() => Int, { nullable: true, description: "1–1440." })
  durationMinutes?: number | null;

  @Field(() => Date, { nullable: true, description: "Defaults to now; not in the future." })
  occurredAt?: Date | null;
}
