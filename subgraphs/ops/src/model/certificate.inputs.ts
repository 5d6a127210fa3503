import { Field, InputType } from "type-graphql";

@InputType({ description: "A certificate for an admin to verify: give its number or a url to check it." })
export class SubmitCertificateInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  issuer!: string;

  @Field(() => String, { nullable: true })
  number?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;
}
