import { issueAccessToken } from "../../../subgraphs/auth/src/domain/accessTokens.ts";
import type { graphqlClient } from "./graphqlClient.ts";
import { type Person, signUp } from "./people.ts";
import type { StartedPlatform } from "./startPlatform.ts";

type Role = "user" | "coach" | "admin" | "partner" | "developer";

/**
 * Gives a person roles no one can choose at sign-up (admin, partner, developer), straight in auth's
 * database, and a fresh token that carries them.
 */
export async function withRoles(platform: StartedPlatform, person: Person, roles: Role[]): Promise<Person> {
  await platform.authDb.account.update({ where: { id: person.id }, data: { roles } });
  const session = await platform.authDb.session.findFirstOrThrow({ where: { accountId: person.id } });
  const { token } = await issueAccessToken(platform.authDeps, { id: person.id, roles }, session.id);
  return { ...person, token };
}

/** A partner account and an API key for it, issued by an admin through the router. */
export async function issuePartnerKey(
  platform: StartedPlatform,
  request: ReturnType<typeof graphqlClient>,
  input: { scopes: string[]; rateLimitPerMinute?: number },
): Promise<{ partner: Person; key: string; keyId: string }> {
  const admin = await withRoles(platform, await signUp(request, "Admin"), ["admin"]);
  const partner = await withRoles(platform, await signUp(request, "Partner"), ["partner"]);
  const created = await request<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }",
    {
      input: {
        ownerId: partner.id,
        name: "Wellness partner",
        scopes: input.scopes,
        rateLimitPerMinute: input.rateLimitPerMinute ?? 1_000,
      },
    },
    admin.token,
  );
  if (!created.data) throw new Error(`createApiKey failed: ${JSON.stringify(created.errors)}`);
  return { partner, key: created.data.createApiKey.secret, keyId: created.data.createApiKey.apiKey.id };
}
