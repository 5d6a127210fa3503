import { Field, ID, ObjectType } from "type-graphql";
import type { SessionTokens } from "../domain/sessions.ts";
import { Role } from "./role.ts";
import { toUser, User } from "./user.ts";

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

/** The session owner always sees their own email and roles, whoever the request's (anonymous) caller was. */
export function toAuthPayload(tokens: SessionTokens): AuthPayload {
  const owner = { userId: tokens.account.id, roles: tokens.account.roles };
  return Object.assign(new AuthPayload(), {
    accessToken: tokens.access.token,
    accessTokenExpiresAt: tokens.access.expiresAt,
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: tokens.refreshExpiresAt,
    user: toUser(tokens.account, owner),
  });
}
