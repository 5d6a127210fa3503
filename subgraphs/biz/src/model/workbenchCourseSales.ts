import { Field, Int, ObjectType } from "type-graphql";
import type { CourseSalesFigures } from "../domain/workbench/courseSales.ts";
import { AmountTotal } from "./workbench.ts";

@ObjectType({ description: "One UTC day of the coach's course sales." })
export class WorkbenchCourseSalesDay {
  @Field(() => String, { description: "The UTC day, YYYY-MM-DD." })
  date!: string;

  @Field(() => Int, { description: "Courses bought that day." })
  sold!: number;

  @Field(() => [AmountTotal], { description: "What they were bought for, per currency." })
  revenue!: AmountTotal[];
}

@ObjectType({
  description:
    "The coach's courses bought (content's course_purchased, within seconds of it): free ones count with amount 0. Counts and sums only, never who.",
})
export class WorkbenchCourseSales {
  @Field(() => Int, { description: "Courses bought in the period." })
  sold!: number;

  @Field(() => [AmountTotal], { description: "What they were bought for, per currency." })
  revenue!: AmountTotal[];

  @Field(() => [WorkbenchCourseSalesDay], {
    description: "One per UTC day the period touches, oldest first, empty days included.",
  })
  days!: WorkbenchCourseSalesDay[];
}

export const toWorkbenchCourseSales = (figures: CourseSalesFigures): WorkbenchCourseSales => ({ ...figures });
