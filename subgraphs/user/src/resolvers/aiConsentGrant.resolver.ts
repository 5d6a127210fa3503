import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { UserContext } from "../context.ts";
import { aiConsentsGiven, grantAiConsent, revokeAiConsent } from "../domain/consent/aiConsent.ts";
import { AiConsentGrant, GrantAiConsentInput, toAiConsentGrant } from "../model/aiConsentGrant.ts";

@Resolver(() => AiConsentGrant)
export class AiConsentGrantResolver {
  @Authorized()
  @Query(() => [AiConsentGrant], { description: "The AI consents the caller has given, newest first." })
  async aiConsentGrants(@Ctx() ctx: UserContext): Promise<AiConsentGrant[]> {
    const now = new Date();
    return (await aiConsentsGiven(ctx.deps.db, actorOf(ctx))).map((g) => toAiConsentGrant(g, now));
  }

  @Authorized()
  @Mutation(() => AiConsentGrant, {
    description: "Lets ai analyse the listed metrics of the caller's health data until expiresAt.",
  })
  async grantAiConsent(
    @Ctx() ctx: UserContext,
    @Arg("input", () => GrantAiConsentInput) input: GrantAiConsentInput,
  ): Promise<AiConsentGrant> {
    const now = new Date();
    return toAiConsentGrant(await grantAiConsent(ctx.deps.db, actorOf(ctx), input, now), now);
  }

  @Authorized()
  @Mutation(() => AiConsentGrant, { description: "Ends one of the caller's AI consents at once." })
  async revokeAiConsent(@Ctx() ctx: UserContext, @Arg("id", () => ID) id: string): Promise<AiConsentGrant> {
    const now = new Date();
    return toAiConsentGrant(await revokeAiConsent(ctx.deps.db, actorOf(ctx), id, now), now);
  }
}
