// npm run bench:notify: a followed coach going live, to every follower's notificationReceived through
// the router (issue 12). Prints a markdown table; asserts nothing.
//
// The platform (auth, user, dynamic, trade, biz, ops and the router, as router/test/support/startPlatform.ts
// starts them) runs in one child (platformChild.ts); this process holds the clients. FOLLOWERS users, each
// with a token of its own signed with auth's key, follow the coach through dynamic's `follow` and hold a
// `notificationReceived` subscription on the router's WebSocket (graphql-ws). Once ops has projected
// every follow (the coach's unread NEW_FOLLOWER count), a warm-up stream proves every subscription is
// live; then ROUNDS times the coach schedules and starts a stream (biz) and ends it once everyone heard.
// Measured: each follower's LIVE_STARTED arrival − the moment startLiveStream answered. Floor, same
// moment: the live_started event reaching a plain NATS subscriber on the run's bus (biz's outbox relay),
// the first hop of the path, before ops's consumer, its fan-out batch transaction, the hints and the router.
import { randomUUID } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { liveStartedV1 } from "@health/events/catalog";
import type { EventEnvelope } from "@health/events/envelope";
import { LOCAL_NATS } from "@health/platform/config";
import { busSubject } from "@health/platform/events";
import { connectNats } from "@health/platform/nats";
import { startChild } from "../live/childProcess.ts";
import { elapsed, fmt } from "../live/format.ts";
import { graphql, type Person, type Request } from "../live/graphqlClient.ts";
import { type LightSubscription, subscribeLight } from "../live/lightSubscriber.ts";
import { stopChild, tokenSigner } from "../live/platformSession.ts";
import { pooled, waitUntil } from "../live/waits.ts";
import type { NotifyPlatformReport, NotifyPlatformRequest } from "./platformChild.ts";
import { notifyTable, type Round } from "./report.ts";
import { FOLLOWERS, NOTIFICATION_RECEIVED, ROUND_TIMEOUT_MS, ROUNDS } from "./settings.ts";

const loadAverage = () =>
  loadavg()
    .map((x) => fmt(x, 2))
    .join(" ");

async function ok<T>(request: Request, query: string, variables: Record<string, unknown>, token: string) {
  const result = await request<T>(query, variables, token);
  if (!result.data || result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

interface Received {
  notificationReceived?: { kind: string; createdAt: string; data: { streamId: string | null } };
}

async function main() {
  const started = Date.now();
  const loadAtStart = loadAverage();
  const platform = await startChild<NotifyPlatformRequest, NotifyPlatformReport>(
    join(import.meta.dirname, "platformChild.ts"),
  );
  const bus = await connectNats(process.env.NATS_URL ?? LOCAL_NATS, "bench-notify");
  const sockets: LightSubscription[] = [];
  try {
    const ready = (await platform.ready) as Extract<NotifyPlatformReport, { type: "ready" }>;
    console.error(`platform up at ${elapsed(started)}`);
    const request = graphql(ready.url);
    const { coach } = ready;
    const sign = await tokenSigner(ready.signingKey);
    const followers: Person[] = await Promise.all(
      Array.from({ length: FOLLOWERS }, async () => {
        const id = randomUUID();
        return { id, token: await sign(id, ["user"]) };
      }),
    );

    // streamId → follower index → when its LIVE_STARTED arrived, and when ops wrote its inbox row.
    const heard = new Map<string, Map<number, { receivedAt: number; writtenAt: number }>>();
    let errors = 0;
    followers.forEach((follower, index) => {
      sockets.push(
        subscribeLight(
          ready.url.replace(/^http/, "ws"),
          follower.token,
          NOTIFICATION_RECEIVED,
          (payload, receivedAt) => {
            if (payload.errors) errors++;
            const item = (payload.data as Received | undefined)?.notificationReceived;
            if (item?.kind !== "LIVE_STARTED" || !item.data.streamId) return;
            heard.get(item.data.streamId)?.set(index, { receivedAt, writtenAt: Date.parse(item.createdAt) });
          },
          () => errors++,
        ),
      );
    });
    const listening = (await Promise.all(sockets.map((s) => s.connected))).filter(Boolean).length;
    console.error(`${fmt(listening)} of ${fmt(FOLLOWERS)} sockets acknowledged; following…`);

    await pooled(followers, 16, async (follower) => {
      await ok(
        request,
        "mutation($id: ID!) { follow(userId: $id) { id } }",
        { id: coach.id },
        follower.token,
      );
    });
    // ops fans live_started out to its projection of the follows: wait until it has all of them.
    const projected = await waitUntil(async () => {
      const { unreadNotificationCount } = await ok<{ unreadNotificationCount: number }>(
        request,
        "{ unreadNotificationCount }",
        {},
        coach.token,
      );
      return unreadNotificationCount >= FOLLOWERS;
    }, 120_000);
    if (!projected) throw new Error("ops did not see every follow within 120 s");

    const busHeard = new Map<string, number>();
    bus.subscribe(busSubject(liveStartedV1.subject, { prefix: ready.eventPrefix }), {
      callback: (error, message) => {
        if (error) return;
        const receivedAt = Date.now();
        busHeard.set(message.json<EventEnvelope<{ streamId: string }>>().payload.streamId, receivedAt);
      },
    });
    await bus.flush();

    const round = async (title: string): Promise<Round> => {
      const { scheduleLiveStream } = await ok<{ scheduleLiveStream: { id: string } }>(
        request,
        "mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }",
        { input: { title, scheduledAt: new Date(Date.now() + 60_000).toISOString() } },
        coach.token,
      );
      const streamId = scheduleLiveStream.id;
      const arrivals = new Map<number, { receivedAt: number; writtenAt: number }>();
      heard.set(streamId, arrivals);
      await ok(
        request,
        "mutation($id: ID!) { startLiveStream(id: $id) { id } }",
        { id: streamId },
        coach.token,
      );
      const answeredAt = Date.now();
      await waitUntil(() => arrivals.size >= listening && busHeard.has(streamId), ROUND_TIMEOUT_MS);
      await ok(
        request,
        "mutation($id: ID!) { endLiveStream(id: $id) { id } }",
        { id: streamId },
        coach.token,
      );
      return {
        listening,
        latencies: [...arrivals.values()].map((at) => at.receivedAt - answeredAt),
        written: [...arrivals.values()].map((at) => at.writtenAt - answeredAt),
        busMs: (busHeard.get(streamId) ?? Number.NaN) - answeredAt,
      };
    };

    const warmUp = await round("Warm-up");
    console.error(`warm-up: ${fmt(warmUp.latencies.length)} of ${fmt(listening)} followers heard`);
    const rounds: Round[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      rounds.push(await round(`Bench stream ${i}`));
      console.error(`round ${i} done at ${elapsed(started)}`);
    }
    console.log(notifyTable(rounds, FOLLOWERS));
    console.log(`\nSubscription errors: ${fmt(errors)}.`);
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
    await bus.close();
    console.error("closing the platform (drops its databases)…");
    await stopChild(platform);
  }
  console.log(
    `Total bench time ${elapsed(started)}. Load average (1/5/15 min, ${availableParallelism()} CPUs) at start ${loadAtStart}, at end ${loadAverage()}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
