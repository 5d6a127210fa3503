import { Field, InputType, Int } from "type-graphql";

@InputType()
export class CreateCommunityInput {
  @Field(() => String, { description: "1–80 characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: "At most 2,000 characters." })
  description?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The price of joining, in the currency's smallest unit (fen for CNY); 0 or omitted: free.",
  })
  priceAmount?: number | null;

  @Field(() => String, { nullable: true, description: "ISO 4217; CNY when omitted." })
  currency?: string | null;
}
