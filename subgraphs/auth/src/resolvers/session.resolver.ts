import { unauthenticated } from "@health/platform/errors";
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { AuthContext } from "../context.ts";
import { login } from "../domain/login.ts";
import { registerAccount } from "../domain/registration.ts";
import { revokeSession, rotateRefreshToken, startSession } from "../domain/sessions.ts";
import { introspectToken } from "../domain/tokenIntrospection.ts";
import { LoginInput, RegisterInput } from "../model/session.inputs.ts";
import { AuthPayload, TokenInfo, toAuthPayload } from "../model/session.ts";

@Resolver(() => AuthPayload)
export class SessionResolver {
  @Mutation(() => AuthPayload, {
    description: "Creates an account and signs it in (seed: POST /auth/register).",
  })
  async register(@Arg("input", () => RegisterInput) input: RegisterInput, @Ctx() ctx: AuthContext) {
    const account = await registerAccount(ctx.deps.db, input);
    return toAuthPayload(await startSession(ctx.deps, account, { ip: ctx.clientIp }));
  }

  @Mutation(() => AuthPayload, { description: "Signs in with email and password (seed: POST /auth/login)." })
  async login(@Arg("input", () => LoginInput) input: LoginInput, @Ctx() ctx: AuthContext) {
    return toAuthPayload(await login(ctx.deps, input, { ip: ctx.clientIp }));
  }

  @Mutation(() => AuthPayload, {
    description: "Trades a refresh token for new tokens. Presenting a used one signs the whole session out.",
  })
  async refreshToken(@Arg("refreshToken", () => String) refreshToken: string, @Ctx() ctx: AuthContext) {
    return toAuthPayload(await rotateRefreshToken(ctx.deps, refreshToken));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Signs out the session of the access token used." })
  async logout(@Ctx() ctx: AuthContext) {
    if (!ctx.actor) throw unauthenticated();
    return revokeSession(ctx.deps, ctx.actor.sessionId, "logout");
  }

  @Query(() => TokenInfo, { description: "Whether an access token is valid now (seed: GET /auth/verify)." })
  async verifyToken(@Arg("token", () => String) token: string, @Ctx() ctx: AuthContext) {
    const result = await introspectToken(ctx.deps, token);
    return result.valid
      ? { ...result, reason: null }
      : { valid: false, userId: null, roles: null, expiresAt: null, reason: result.reason };
  }
}
