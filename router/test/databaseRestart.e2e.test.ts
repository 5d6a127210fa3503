import { listDeadLetters } from "@health/platform/events";
import {
  type PrivateNatsServer,
  type PrivatePostgresServer,
  startPrivateNatsServer,
  startPrivatePostgresServer,
} from "@health/platform/testing";
import { connect } from "nats";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 17 point 3: Postgres and NATS restart under load and every process lives through it by itself.
// The platform runs on a Postgres and a NATS of this test's own, so stopping them touches no other file.

let postgres: PrivatePostgresServer;
let nats: PrivateNatsServer;
let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let ann: Person;
let bob: Person;

beforeAll(async () => {
  [postgres, nats] = await Promise.all([startPrivatePostgresServer(), startPrivateNatsServer()]);
  platform = await startPlatform({ postgresUrl: postgres.url, natsUrl: nats.url });
  request = graphqlClient(platform.url);
  ann = await signUp(request, "ann");
  bob = await signUp(request, "bob");
  await request("mutation($id: ID!) { follow(userId: $id) { id } }", { id: ann.id }, bob.token);
  const shared = await request(
    "mutation { setFeedPreferences(input: { sharedHealthActivities: [HEALTH_ACTION_RECORDED] }) { version } }",
    {},
    ann.token,
  );
  expect(shared.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await Promise.all([postgres?.start(), nats?.start()].map((started) => started?.catch(() => undefined)));
  await platform?.close();
  await Promise.all([postgres?.close(), nats?.close()]);
});

interface Answer {
  at: number;
  ms: number;
  /** The recorded action's id, when the write was acknowledged. */
  id?: string;
  codes: string[];
}

const RECORD = "mutation { recordHealthAction(input: { type: WATER }) { id } }";
const READ = "query { me { displayName } serviceOfferings(first: 1) { nodes { id } } }";

/** Writers and readers going at once until `stop()`; every answer is kept with its time and codes. */
function startLoad(workers: number) {
  const writes: Answer[] = [];
  const reads: Answer[] = [];
  let running = true;
  const loop = async (query: string, token: string | undefined, into: Answer[]) => {
    while (running) {
      const at = Date.now();
      const answer = await request<{ recordHealthAction?: { id: string } }>(query, {}, token).catch(
        (error: Error) => ({
          data: undefined,
          errors: [{ extensions: { code: `no answer: ${error.message}` } }],
        }),
      );
      into.push({
        at,
        ms: Date.now() - at,
        id: answer.data?.recordHealthAction?.id,
        codes: (answer.errors ?? []).map((error) => String(error.extensions?.code)),
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const loops = [
    ...Array.from({ length: workers }, () => loop(RECORD, ann.token, writes)),
    loop(READ, bob.token, reads),
    loop("query { serviceOfferings(first: 1) { nodes { id } } }", undefined, reads),
  ];
  return {
    writes,
    reads,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

const WITHIN_10_S = { timeout: 10_000, interval: 100 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Postgres and NATS restart under load", () => {
  it("requests fail fast with UNAVAILABLE while Postgres is down, then succeed; no event is lost or doubled", async () => {
    const load = startLoad(6);
    await sleep(1_000);

    const down = Date.now();
    await postgres.stop();
    await sleep(2_000);
    await postgres.start();
    const up = Date.now();
    // Recovered by itself: no process was restarted.
    await vi.waitFor(() => expect(load.writes.some((w) => w.at > up && w.id)).toBe(true), WITHIN_10_S);
    await vi.waitFor(
      () => expect(load.reads.some((r) => r.at > up && r.codes.length === 0)).toBe(true),
      WITHIN_10_S,
    );

    await nats.stop();
    await sleep(2_000);
    await nats.start();
    await sleep(1_000);
    await load.stop();

    // While the database was down, every answer came quickly, with a code a client can act on.
    const duringOutage = [...load.writes, ...load.reads].filter((a) => a.at > down + 200 && a.at < up);
    expect(duringOutage.length).toBeGreaterThan(20);
    expect(duringOutage.every((a) => a.ms < 6_000)).toBe(true);
    const outageCodes = new Set(duringOutage.flatMap((a) => a.codes));
    expect([...outageCodes]).toEqual(["UNAVAILABLE"]);
    // Outside the outage nothing failed, NATS's restart included: the outbox held the events.
    const outside = [...load.writes, ...load.reads].filter((a) => a.at + a.ms < down || a.at > up + 3_000);
    expect(outside.filter((a) => a.codes.length > 0)).toEqual([]);

    // Every write the database committed reached the follower's feed exactly once, every acknowledged one
    // among them; nothing went to the dead letters.
    const acknowledged = load.writes.flatMap((w) => (w.id ? [w.id] : []));
    expect(acknowledged.length).toBeGreaterThan(100);
    const committed = await platform.userDb.healthAction.findMany({
      where: { userId: ann.id },
      select: { id: true },
    });
    const committedIds = new Set(committed.map((row) => row.id));
    expect(acknowledged.filter((id) => !committedIds.has(id))).toEqual([]);
    await vi.waitFor(
      async () =>
        expect(
          await platform.dynamicDb.activity.count({
            where: { actorId: ann.id, type: "HEALTH_ACTION_RECORDED" },
          }),
        ).toBe(committed.length),
      { timeout: 30_000, interval: 200 },
    );
    await sleep(500);
    const activities = await platform.dynamicDb.activity.findMany({
      where: { actorId: ann.id, type: "HEALTH_ACTION_RECORDED" },
      select: { objectId: true },
    });
    expect(activities.map((a) => a.objectId).sort()).toEqual([...committedIds].sort());
    expect(await platform.userDb.outboxEvent.count({ where: { sentAt: null } })).toBe(0);
    const bus = await connect({ servers: nats.url });
    try {
      expect(await listDeadLetters(bus, { prefix: platform.joinEnv.TEST_EVENT_PREFIX })).toEqual([]);
    } finally {
      await bus.close();
    }
  }, 120_000);
});
