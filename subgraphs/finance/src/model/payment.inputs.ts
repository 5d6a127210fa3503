import { Field, InputType, Int } from "type-graphql";

@InputType({ description: "A payment to make (the seed's POST /payments)." })
export class CreatePaymentInput {
  @Field(() => String, {
    description:
      "Unique per payment you mean to make once: a retry with it gets the first answer, with no second charge.",
  })
  idempotencyKey!: string;

  @Field(() => Int, { description: "Minor units (fen for CNY), at least 1." })
  amount!: number;

  @Field(() => String, { nullable: true, description: "ISO 4217; default CNY." })
  currency?: string | null;

  @Field(() => String, { description: "What it pays for (an order id): 1–200 characters." })
  reference!: string;
}
