import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GraphQLResponse, graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";
import { type SubgraphProcess, startSubgraphProcess } from "./support/subgraphProcess.ts";

// A router whose user subgraph is a real process of its own, frozen (SIGSTOP) and killed under load.

const TIMEOUT_MS = 1_000;
const COOL_DOWN_MS = 1_000;
const TOUCHES_USER = "{ me { displayName latestHealthRecord(metric: WEIGHT) { value } } }";
const AUTH_ONLY = "{ me { id displayName } }";

interface Me {
  me: { displayName: string; latestHealthRecord?: { value: number } | null };
}

let platform: StartedPlatform;
let user: SubgraphProcess;
let request: ReturnType<typeof graphqlClient>;
let internalUrl: string;
let people: Person[];

beforeAll(async () => {
  platform = await startPlatform();
  user = await startSubgraphProcess("user", {
    DATABASE_URL: platform.databaseUrls.user,
    ...platform.joinEnv,
  });
  const router = await platform.startRouterWithInternal({
    urlOverrides: { USER: user.url },
    subgraphFailures: { timeoutMs: TIMEOUT_MS, failureThreshold: 3, coolDownMs: COOL_DOWN_MS },
  });
  request = graphqlClient(router.url);
  internalUrl = router.internalUrl;
  const direct = graphqlClient(platform.url);
  people = await Promise.all(["Ada", "Bo", "Cy", "Di", "Ed", "Flo"].map((name) => signUp(direct, name)));
  for (const [index, person] of people.entries()) {
    const recorded = await direct(
      "mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }",
      { input: { metric: "WEIGHT", value: 60 + index } },
      person.token,
    );
    expect(recorded.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await user?.stop();
  await platform?.close();
});

async function timed<T>(query: string, person: Person) {
  const started = performance.now();
  const answer = await request<T>(query, {}, person.token);
  return { answer, ms: performance.now() - started };
}

/** Every person asks both queries, several times each, all at once. */
async function underLoad() {
  const rounds = [1, 2, 3];
  const [touching, authOnly] = await Promise.all([
    Promise.all(rounds.flatMap(() => people.map((person) => timed<Me>(TOUCHES_USER, person)))),
    Promise.all(rounds.flatMap(() => people.map((person) => timed<Me>(AUTH_ONLY, person)))),
  ]);
  return { touching, authOnly };
}

const whole = (answer: GraphQLResponse<Me>, index: number) =>
  answer.errors === undefined && answer.data?.me.latestHealthRecord?.value === 60 + index;

/** Asks until every person's answer is whole again, or gives up after `withinMs`. */
async function wholeAgain(withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const answers = await Promise.all(people.map((person) => request<Me>(TOUCHES_USER, {}, person.token)));
    if (answers.every(whole)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

const ready = async () => {
  const response = await fetch(new URL("/ready", internalUrl));
  const body = (await response.json()) as { status: string; checks: Record<string, string> };
  return { status: response.status, state: body.status, checks: body.checks };
};

function expectPartial({ answer, ms }: { answer: GraphQLResponse<Me>; ms: number }, codes: string[]) {
  expect(answer.data?.me.displayName).toMatch(/^(Ada|Bo|Cy|Di|Ed|Flo)$/);
  expect(answer.data?.me.latestHealthRecord).toBeNull();
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors?.[0]).toMatchObject({ path: ["me"], extensions: { serviceName: "user" } });
  expect(codes).toContain(answer.errors?.[0]?.extensions?.code);
  // The timeout, plus what a loaded machine adds to an answer.
  expect(ms).toBeLessThan(TIMEOUT_MS + 1_500);
}

describe("a subgraph that fails costs only its own fields", () => {
  it("answers whole while every subgraph is up", async () => {
    expect(await wholeAgain(5_000)).toBe(true);
    expect(await ready()).toMatchObject({ status: 200, state: "ready" });
  });

  it("frozen (SIGSTOP): answers within the timeout with auth's fields and a coded error naming user", async () => {
    user.freeze();
    const { touching, authOnly } = await underLoad();
    for (const answer of touching) expectPartial(answer, ["SUBGRAPH_TIMEOUT", "SUBGRAPH_UNAVAILABLE"]);
    expect(touching.some(({ answer }) => answer.errors?.[0]?.extensions?.code === "SUBGRAPH_TIMEOUT")).toBe(
      true,
    );
    // Queries that do not touch it never wait for it.
    for (const { answer, ms } of authOnly) {
      expect(answer.errors).toBeUndefined();
      expect(ms).toBeLessThan(TIMEOUT_MS);
    }
  });

  it("once its circuit is open, fails its fields at once, and /ready names it but stays ready (degraded)", async () => {
    const { answer, ms } = await timed<Me>(TOUCHES_USER, people[0]!);
    expectPartial({ answer, ms }, ["SUBGRAPH_UNAVAILABLE"]);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ reason: "circuit-open" });
    expect(ms).toBeLessThan(TIMEOUT_MS / 2);
    const readiness = await ready();
    expect(readiness).toMatchObject({ status: 200, state: "degraded" });
    expect(readiness.checks).toMatchObject({ auth: "ok", trade: "ok", dynamic: "ok" });
    expect(readiness.checks.user).toMatch(/circuit open|no answer/);
  });

  it("thawed: after the cool-down a probe gets through and answers are whole again", async () => {
    user.thaw();
    await new Promise((resolve) => setTimeout(resolve, COOL_DOWN_MS));
    expect(await wholeAgain(5_000)).toBe(true);
    expect(await ready()).toMatchObject({ status: 200, state: "ready" });
  });

  it("killed: refused connections cost only its fields; restarted, answers are whole again", async () => {
    await user.kill();
    const { touching, authOnly } = await underLoad();
    for (const answer of touching) expectPartial(answer, ["SUBGRAPH_UNAVAILABLE"]);
    for (const { answer } of authOnly) expect(answer.errors).toBeUndefined();
    expect((await ready()).checks.user).not.toBe("ok");

    await user.restart();
    await new Promise((resolve) => setTimeout(resolve, COOL_DOWN_MS));
    expect(await wholeAgain(5_000)).toBe(true);
  });
});
