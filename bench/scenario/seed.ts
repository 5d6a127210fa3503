// The population `bench:scenario` drives, made before anything is timed, through the router as client
// apps make it (tests' helpers: router/test/support). Roles no one can choose (admin, partner) are
// granted the way the tests grant them; coaches apply and an admin approves.
import { randomUUID } from "node:crypto";
import { adminOf, signUpGrabbingCoach } from "../../router/test/support/coaches.ts";
import { graphqlClient } from "../../router/test/support/graphqlClient.ts";
import { manifestIdOf } from "../../router/test/support/manifestIds.ts";
import { type Person, signUp } from "../../router/test/support/people.ts";
import { issuePartnerKey } from "../../router/test/support/roles.ts";
import { publishedCourse } from "../../router/test/support/seed/commerce.ts";
import { DAY, ok, type Request } from "../../router/test/support/seed/seeding.ts";
import type { StartedPlatform } from "../../router/test/support/startPlatform.ts";
import { pooled, sleep } from "../live/waits.ts";
import { COACHES, COURSES, FOLLOWS_PER_USER, PRODUCTS, USERS } from "./settings.ts";

/** What the driver acts with: people, and the things they act on. */
export interface Population {
  users: Person[];
  coaches: Person[];
  /** The coaches' region: orders there match them. */
  region: string;
  /** A live stream the first coach started: its room takes the chat. */
  streamId: string;
  courseIds: string[];
  skuIds: string[];
  partnerKey: string;
  /** The persisted TrendingActivities document's id, as a partner sends it. */
  trendingDocumentId: string;
}

/** Seeding is not timed; a few in flight keeps it short without starving the platform. */
const IN_FLIGHT = 4;

/**
 * `request`, retrying as a client app does when the platform refuses for a moment (UNAVAILABLE with
 * `retryAfterSeconds`: auth refuses sign-ins while its Redis does not answer in time, as it may on this
 * busy machine). A refusal happens before any write, so the retry cannot do anything twice.
 */
function patient(request: Request): Request {
  return (async (
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ) => {
    for (let attempt = 1; ; attempt++) {
      const answer = await request(query, variables, token, headers);
      const error = answer.errors?.[0]?.extensions;
      if (error?.code !== "UNAVAILABLE" || attempt === 5) return answer;
      await sleep(1_000 * Number(error.retryAfterSeconds ?? 1));
    }
  }) as Request;
}

const times = <T>(n: number, make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => make(i)));

async function makeProducts(request: Request, admin: Person): Promise<string[]> {
  const { createProductCategory } = await ok<{ createProductCategory: { id: string } }>(
    request,
    "mutation($input: CreateProductCategoryInput!) { createProductCategory(input: $input) { id } }",
    { input: { name: `Bench ${randomUUID()}` } },
    admin.token,
  );
  return times(PRODUCTS, async (i) => {
    const { createProduct } = await ok<{ createProduct: { skus: Array<{ id: string }> } }>(
      request,
      "mutation($input: CreateProductInput!) { createProduct(input: $input) { skus { id } } }",
      {
        input: {
          name: `Resistance band ${i}`,
          description: "Light, medium and heavy.",
          categoryId: createProductCategory.id,
          skus: [{ code: `BAND-${randomUUID()}`, priceAmount: 2_900, stock: 1_000_000 }],
        },
      },
      admin.token,
    );
    return createProduct.skus[0]!.id;
  });
}

async function startStream(request: Request, coach: Person): Promise<string> {
  const { scheduleLiveStream } = await ok<{ scheduleLiveStream: { id: string } }>(
    request,
    "mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }",
    { input: { title: "Bench stretch", scheduledAt: new Date(Date.now() + 60_000).toISOString() } },
    coach.token,
  );
  const id = scheduleLiveStream.id;
  await ok(request, "mutation($id: ID!) { startLiveStream(id: $id) { id } }", { id }, coach.token);
  return id;
}

/** Each user follows some coaches, grants one of them a health-data consent, and gets points. */
async function settleUser(request: Request, admin: Person, user: Person, coaches: Person[], index: number) {
  for (let k = 0; k < FOLLOWS_PER_USER; k++) {
    const coach = coaches[(index + k) % coaches.length]!;
    await ok(request, "mutation($id: ID!) { follow(userId: $id) { id } }", { id: coach.id }, user.token);
  }
  await ok(
    request,
    "mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }",
    {
      input: {
        coachId: coaches[index % coaches.length]!.id,
        metrics: ["WEIGHT", "HEART_RATE"],
        expiresAt: new Date(Date.now() + 30 * DAY),
      },
    },
    user.token,
  );
  await ok(
    request,
    'mutation($id: ID!) { adjustPoints(userId: $id, amount: 500, reason: "bench welcome") { id } }',
    { id: user.id },
    admin.token,
  );
}

export async function seedPopulation(platform: StartedPlatform): Promise<Population> {
  const request = patient(graphqlClient(platform.url));
  const region = `bench-${randomUUID().slice(0, 8)}`;
  const admin = await adminOf(platform, request);
  const coaches: Person[] = [];
  await pooled(Array.from({ length: COACHES }), IN_FLIGHT, async (_, i) => {
    coaches.push(
      await signUpGrabbingCoach(platform, request, `Coach${i}`, { region, capacity: 50, level: 1 }),
    );
  });
  // Something public to read in feeds and trending: a post from every coach.
  await pooled(coaches, IN_FLIGHT, async (coach) => {
    await ok(
      request,
      "mutation($input: CreatePostInput!) { createPost(input: $input) { id } }",
      {
        input: { title: `${coach.name}'s warm-up`, body: "Five minutes, every morning.", tags: ["mobility"] },
      },
      coach.token,
    );
  });
  const users: Person[] = [];
  await pooled(Array.from({ length: USERS }), IN_FLIGHT, async (_, i) => {
    users.push(await signUp(request, `User${i}`));
  });
  await pooled(users, IN_FLIGHT, (user, i) => settleUser(request, admin, user, coaches, i));
  const courseIds: string[] = [];
  await pooled(Array.from({ length: COURSES }), IN_FLIGHT, async (_, i) => {
    courseIds.push(await publishedCourse(request, coaches[i % coaches.length]!));
  });
  const { key } = await issuePartnerKey(platform, request, { scopes: ["feed"], rateLimitPerMinute: 100_000 });
  return {
    users,
    coaches,
    region,
    streamId: await startStream(request, coaches[0]!),
    courseIds,
    skuIds: await makeProducts(request, admin),
    partnerKey: key,
    trendingDocumentId: manifestIdOf("TrendingActivities"),
  };
}
