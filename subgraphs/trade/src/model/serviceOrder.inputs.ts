import { Field, InputType, Int } from "type-graphql";

@InputType()
export class CreateServiceOrderInput {
  @Field(() => String)
  serviceType!: string;

  @Field(() => String, { description: "Matched against coaches' specialties (case-insensitive)." })
  specialty!: string;

  @Field(() => String, { description: "Matched against coaches' regions (case-insensitive)." })
  region!: string;

  @Field(() => Int, { description: "In the currency's smallest unit (fen for CNY); 0 or more." })
  priceAmount!: number;

  @Field(() => String, { nullable: true, description: "ISO 4217; CNY when omitted." })
  currency?: string | null;

  @Field(() => Int, { description: "1–5." })
  minCoachLevel!: number;

  @Field(() => String, { description: "1–2000 characters." })
  description!: string;

  @Field(() => Int, { nullable: true, description: "15–480; 60 when omitted. An appointment's length." })
  durationMinutes?: number | null;

  @Field(() => Date, { nullable: true, description: "Future, ≤ 30 days away; no deadline when omitted." })
  grabDeadline?: Date | null;

  @Field(() => Date, { nullable: true })
  preferredStart?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Send one per order you mean to place (kept 24 h): a retry with it answers that order and asks for no second payment; the same key with another order is CONFLICT.",
  })
  idempotencyKey?: string | null;
}
