import { Field, Int, ObjectType } from "type-graphql";
import type { FollowerFigures } from "../domain/workbench/followers.ts";

@ObjectType({ description: "One UTC day of the coach's followers." })
export class WorkbenchFollowerDay {
  @Field(() => String, { description: "The UTC day, YYYY-MM-DD." })
  date!: string;

  @Field(() => Int, { description: "Follows that began that day." })
  newFollowers!: number;

  @Field(() => Int, { description: "Follows that ended that day." })
  unfollows!: number;
}

@ObjectType({
  description:
    "Who follows the coach (dynamic's user_followed and user_unfollowed, within seconds of them): counts only, never who.",
})
export class WorkbenchFollowers {
  @Field(() => Int, { description: "Everyone following the coach now (not bound to the period)." })
  total!: number;

  @Field(() => Int, { description: "Follows that began in the period." })
  newFollowers!: number;

  @Field(() => Int, { description: "Follows that ended in the period." })
  unfollows!: number;

  @Field(() => [WorkbenchFollowerDay], {
    description: "One per UTC day the period touches, oldest first, empty days included.",
  })
  days!: WorkbenchFollowerDay[];
}

export const toWorkbenchFollowers = (figures: FollowerFigures): WorkbenchFollowers => ({ ...figures });
