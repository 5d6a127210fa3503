import { Field, ObjectType } from "type-graphql";
import { User } from "./user.ts";

@ObjectType({ description: "Tokens for a session. Keep the refresh token secret; it rotates on every use." })
export class AuthPayload {
  @Field(() => String, { description: "Send as `Authorization: Bearer <token>`." })
  accessToken!: string;

  @Field(() => Date)
  accessTokenExpiresAt!: Date;

  @Field(() => String, { description: "Single use: `refreshToken` returns a new one." })
  refreshToken!: string;

  @Field(() => Date)
  refreshTokenExpiresAt!: Date;

  @Field(() => User)
  user!: User;
}

@ObjectType({ description: "Whether an access token is valid now, and why not." })
export class TokenInfo {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => String, { nullable: true })
  userId!: string | null;

  @Field(() => [String], { nullable: true })
  roles!: string[] | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Why the token is not valid." })
  reason!: string | null;
}

@ObjectType()
export class Permissions {
  @Field(() => String)
  userId!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => [String])
  permissions!: string[];
}
