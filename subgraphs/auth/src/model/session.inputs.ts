import { Field, InputType, registerEnumType } from "type-graphql";

export enum SignupRole {
  user = "user",
  coach = "coach",
  business = "business",
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

  @Field(() => SignupRole, { defaultValue: SignupRole.user })
  role!: SignupRole;
}

@InputType()
export class LoginInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}
