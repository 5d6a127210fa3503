import { Field, InputType } from "type-graphql";

@InputType()
export class CoachCertificateInput {
  @Field(() => String, { description: '1–200 characters, e.g. "Registered Dietitian".' })
  name!: string;

  @Field(() => String, { description: "Who issued it, 1–200 characters." })
  issuer!: string;

  @Field(() => String, { nullable: true, description: "Its number; give this, a url, or both." })
  number?: string | null;

  @Field(() => String, { nullable: true, description: "An http(s) address where an admin can check it." })
  url?: string | null;
}

@InputType({ description: "What an admin needs to decide whether you may coach." })
export class ApplyAsCoachInput {
  @Field(() => [String], { description: "1–20, case-insensitive." })
  specialties!: string[];

  @Field(() => [String], { description: "1–20, case-insensitive." })
  regions!: string[];

  @Field(() => [CoachCertificateInput], { description: "1–10." })
  certificates!: CoachCertificateInput[];
}
