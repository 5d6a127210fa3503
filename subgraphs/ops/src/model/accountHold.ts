import { Field, ID, ObjectType } from "type-graphql";
import type { RiskHold } from "../generated/prisma/client.ts";

@ObjectType({
  description: "A hold on an account: trade refuses its grabs, finance its payments, biz its chat messages.",
})
export class AccountHold {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => ID, { nullable: true, description: "The alert whose rule placed it." })
  alertId!: string | null;

  @Field(() => ID, { nullable: true, description: "The admin who placed it; null when a rule did." })
  heldBy!: string | null;

  @Field(() => Date)
  heldAt!: Date;

  @Field(() => ID, { nullable: true })
  releasedBy!: string | null;

  @Field(() => Date, { nullable: true, description: "Null while the hold is in force." })
  releasedAt!: Date | null;
}

export const toAccountHold = (row: RiskHold): AccountHold => ({ ...row });
