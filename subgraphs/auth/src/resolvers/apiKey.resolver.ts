import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { AuthContext } from "../context.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../domain/apiKeys.ts";
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from "../model/apiKey.ts";

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized("admin")
  @Mutation(() => CreatedApiKey, { description: "Issues an API key to a partner account (admins only)." })
  async createApiKey(
    @Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: AuthContext,
  ) {
    return createApiKey(ctx.deps, ctx.actor!, input);
  }

  @Authorized()
  @Mutation(() => ApiKey, { description: "Ends a key at once; by its owner or an admin." })
  async revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() ctx: AuthContext) {
    return revokeApiKey(ctx.deps, ctx.actor!, id);
  }

  @Authorized()
  @Query(() => [ApiKey], { description: "A partner's keys, newest first; for the owner or an admin." })
  async apiKeys(@Arg("ownerId", () => ID) ownerId: string, @Ctx() ctx: AuthContext) {
    return listApiKeys(ctx.deps, ctx.actor!, ownerId);
  }
}
