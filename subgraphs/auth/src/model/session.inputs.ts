import { Field, InputType, registerEnumType } from "type-graphql";

export enum SignupRole {
  USER = "user",
  COACH = "coach",
  BUSINESS = "business",
}
registerEnumType(SignupRole, { name: "SignupRole", description: "Roles one may choose at sign-up." });

@InputType()
export class RegisterInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { description: "At least 10 characters mixing two kinds of characters." })
  password!: string;

  @Field(() => String)
  displayName!: string;

  // No GraphQL default: a subgraph schema rebuilt from SDL would hand the enum's name ("USER")
  // instead of its value to the resolver. The domain defaults to user.
  @Field(() => SignupRole, { nullable: true, description: "Defaults to USER." })
  role?: SignupRole | null;
}

@InputType()
export class LoginInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}
