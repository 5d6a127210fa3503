import { Field, InputType, Int } from "type-graphql";

@InputType()
export class CreateServiceOfferingInput {
  @Field(() => String)
  serviceType!: string;

  @Field(() => String)
  specialty!: string;

  @Field(() => Int, { description: "In the currency's smallest unit (fen for CNY); 0 or more." })
  priceAmount!: number;

  @Field(() => String, { nullable: true, description: "ISO 4217; CNY when omitted." })
  currency?: string | null;

  @Field(() => Int, { description: "15–480." })
  durationMinutes!: number;

  @Field(() => String)
  region!: string;
}

@InputType()
export class ServiceOfferingFilterInput {
  @Field(() => String, { nullable: true })
  specialty?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  serviceType?: string | null;
}
