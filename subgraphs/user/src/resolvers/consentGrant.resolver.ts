import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { UserContext } from "../context.ts";
import {
  consentGrantsGiven,
  consentGrantsReceived,
  grantConsent,
  revokeConsent,
} from "../domain/consent/grants.ts";
import { GrantConsentInput } from "../model/consentGrant.inputs.ts";
import { ConsentGrant, toConsentGrant } from "../model/consentGrant.ts";

@Resolver(() => ConsentGrant)
export class ConsentGrantResolver {
  @Authorized()
  @Query(() => [ConsentGrant], { description: "The grants the caller has given, newest first." })
  async consentGrants(@Ctx() ctx: UserContext): Promise<ConsentGrant[]> {
    const now = new Date();
    return (await consentGrantsGiven(ctx.deps.db, actorOf(ctx))).map((g) => toConsentGrant(g, now));
  }

  @Authorized("coach")
  @Query(() => [ConsentGrant], { description: "The grants the calling coach has received, newest first." })
  async consentGrantsReceived(@Ctx() ctx: UserContext): Promise<ConsentGrant[]> {
    const now = new Date();
    return (await consentGrantsReceived(ctx.deps.db, actorOf(ctx))).map((g) => toConsentGrant(g, now));
  }

  @Authorized()
  @Mutation(() => ConsentGrant, { description: "Lets a coach read the listed metrics until expiresAt." })
  async grantConsent(
    @Ctx() ctx: UserContext,
    @Arg("input", () => GrantConsentInput) input: GrantConsentInput,
  ): Promise<ConsentGrant> {
    const now = new Date();
    return toConsentGrant(await grantConsent(ctx.deps.db, actorOf(ctx), input, now), now);
  }

  @Authorized()
  @Mutation(() => ConsentGrant, { description: "Ends one of the caller's grants at once." })
  async revokeConsent(@Ctx() ctx: UserContext, @Arg("id", () => ID) id: string): Promise<ConsentGrant> {
    const now = new Date();
    return toConsentGrant(await revokeConsent(ctx.deps.db, actorOf(ctx), id, now), now);
  }
}
