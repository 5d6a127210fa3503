import { Field, InputType } from "type-graphql";

@InputType({
  description: "Every account starts as a USER. To coach, sign up, then `applyAsCoach`; an admin approves.",
})
export class RegisterInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { description: "At least 10 characters mixing two kinds of characters." })
  password!: string;

  @Field(() => String)
  displayName!: string;
}

@InputType()
export class LoginInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}
