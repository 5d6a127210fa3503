import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { CoursePurchase as CoursePurchaseRow } from "../generated/prisma/client.ts";
import { PurchaseStatus } from "../generated/prisma/enums.ts";
import { User } from "./user.ts";

registerEnumType(PurchaseStatus, {
  name: "CoursePurchaseStatus",
  description:
    "PENDING (finance is taking the payment) → PAID (the buyer owns the course) or FAILED (declined; buy again).",
});

@ObjectType({ description: "A buyer's purchase of a course; a PAID one unlocks its paid lessons." })
export class CoursePurchase {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  courseId!: string;

  @Field(() => User)
  buyer!: User;

  @Field(() => Int, { description: "What was charged, in the smallest unit; 0 for a free course." })
  amount!: number;

  @Field(() => String)
  currency!: string;

  @Field(() => PurchaseStatus)
  status!: PurchaseStatus;

  @Field(() => String, { nullable: true, description: "Why a FAILED purchase failed." })
  failure!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const toCoursePurchase = (row: CoursePurchaseRow): CoursePurchase => ({
  id: row.id,
  courseId: row.courseId,
  buyer: { id: row.buyerId },
  amount: row.amount,
  currency: row.currency,
  status: row.status,
  failure: row.failure,
  createdAt: row.createdAt,
});
