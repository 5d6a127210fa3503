import { randomUUID } from "node:crypto";
import { DATA_HOLDERS } from "@health/events/privacy";
import { adminOf, signUpGrabbingCoach } from "./coaches.ts";
import { graphqlClient } from "./graphqlClient.ts";
import { signUp } from "./people.ts";
import { seedContent, seedEc, seedFinance, seedTrade } from "./seed/commerce.ts";
import { seedBiz, seedOps } from "./seed/community.ts";
import { seedAi, seedDynamic, seedUser } from "./seed/health.ts";
import type { SeededPerson, SeedItems, SeedTexts } from "./seed/seededPerson.ts";
import { ok, type Request, type Seed } from "./seed/seeding.ts";
import type { StartedPlatform } from "./startPlatform.ts";

// Issue 13's proof needs one person with data in every subgraph, made as a client app makes it: GraphQL
// over HTTP through the router, with real tokens. One function per subgraph (seedAuth here, the others in
// seed/health.ts, seed/commerce.ts and seed/community.ts); each records the ids of what it made in
// `items[<subgraph>][<kind>]`. The only steps outside the API are `adminOf` (no one can
// become an admin through it) and waiting on asynchronous effects (sagas, consumers) by polling the API.
// `items` holds only the person's own things, by the id their subgraph's export lists them under (a like
// by the liked post's id, a follow by the other person's id, a risk score by the person's id).

function textsOf(phrase: string): SeedTexts {
  return {
    phrase,
    displayName: `Seeded ${phrase}`,
    email: `seeded-${phrase}@example.com`,
    postTitle: `Morning run ${phrase}`,
    postBody: `Ran five kilometres along the river, ${phrase}.`,
    comment: `Great course, ${phrase}!`,
    chat: `hello room, ${phrase} here`,
    ratingComment: `Patient and clear, ${phrase}`,
    healthNote: `stretching after ${phrase}`,
    deviceExternalId: `scale-${phrase}`,
    generationTopic: `Hydration for ${phrase}`,
  };
}

/** auth: the account, registered with an email, a password and a display name. */
async function seedAuth(request: Request, texts: SeedTexts): Promise<SeededPerson> {
  const password = `pw-${texts.phrase}-42`;
  const { register } = await ok<{
    register: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(
    request,
    "mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }",
    { input: { email: texts.email, password, displayName: texts.displayName } },
    "",
  );
  const items = Object.fromEntries(DATA_HOLDERS.map((holder) => [holder, {}])) as SeedItems;
  items.auth.accounts = [register.user.id];
  return {
    id: register.user.id,
    token: register.accessToken,
    refreshToken: register.refreshToken,
    name: texts.displayName,
    email: texts.email,
    password,
    displayName: texts.displayName,
    texts,
    items,
    others: {} as SeededPerson["others"],
    places: {} as SeededPerson["places"],
  };
}

/**
 * One person with data in every subgraph, made through the router of a platform that runs all ten
 * (`startFullPlatform`), with a coach who serves them and a follower. The person ends as a coach too
 * (the last step, for ai's generation task); their token carries it.
 */
export async function seedPersonEverywhere(platform: StartedPlatform): Promise<SeededPerson> {
  const request = graphqlClient(platform.url);
  const phrase = `zephyr${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const texts = textsOf(phrase);
  // The coach's region is the coach's, not the person's: it must not carry the phrase the proof scans for.
  const region = `seedville-${randomUUID().slice(0, 8)}`;
  const person = await seedAuth(request, texts);
  const coach = await signUpGrabbingCoach(platform, request, "SeedCoach", { region, level: 1 });
  const follower = await signUp(request, "SeedFollower");
  const admin = await adminOf(platform, request);
  person.others = { coach, follower, admin };
  const seed: Seed = { platform, request, person, coach, follower, admin, texts, region };
  await seedUser(seed);
  await seedDynamic(seed);
  await seedTrade(seed);
  await seedEc(seed);
  await seedContent(seed);
  await seedBiz(seed);
  await seedOps(seed);
  await seedFinance(seed);
  await seedAi(seed);
  return person;
}
