import { Field, ID, ObjectType } from "type-graphql";
import { Role } from "./role.ts";
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

  @Field(() => ID, { nullable: true })
  userId!: string | null;

  @Field(() => [Role], { nullable: true })
  roles!: Role[] | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Why the token is not valid." })
  reason!: string | null;
}

@ObjectType()
export class Permissions {
  @Field(() => ID)
  userId!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => [String], { description: "`<domain>:<action>` names, e.g. `orders:grab`." })
  permissions!: string[];
}
