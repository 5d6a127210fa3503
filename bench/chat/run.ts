// npm run bench:chat: one live room through the router against a bare graphql-ws server in the same run.
// Prints a markdown table; asserts nothing.
//
// Router: auth, user, dynamic, trade and biz in one child (platformChild.ts), the router alone in
// another, compiled (bench/live/routerChild.ts), so the memory reported is the router's. A host
// (registered through the router, a coach token signed with auth's key) schedules and starts a stream;
// VIEWERS viewers, each a user with a token of their own, subscribe to liveChat asking for the sender's
// display name (auth) through the router's WebSocket; the host sends RATE messages a second through
// the router (sendChatMessage). Callers share one upstream operation per room (router/src/subscriptions).
// Baseline: the same number of graphql-ws clients on a bare graphql-ws server with an in-process pubsub
// (bareChatServer.ts), compiled too, publishing at the same rate.
import { randomUUID } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { type Child, startChild } from "../live/childProcess.ts";
import { elapsed, fmt } from "../live/format.ts";
import { graphql, type Request } from "../live/graphqlClient.ts";
import { tokenSigner } from "../live/platformSession.ts";
import type { RouterReport, RouterRequest } from "../live/routerChild.ts";
import { startRouterOver } from "../live/routerStart.ts";
import type { BareChatReport, BareChatRequest } from "./bareChatServer.ts";
import type { ChatPlatformReport, ChatPlatformRequest } from "./platformChild.ts";
import { chatTable } from "./report.ts";
import { measureRoom, type RoomResult } from "./room.ts";
import { LIVE_CHAT, VIEWERS } from "./settings.ts";

const loadAverage = () =>
  loadavg()
    .map((x) => fmt(x, 2))
    .join(" ");

async function ok<T>(request: Request, query: string, variables: Record<string, unknown>, token?: string) {
  const result = await request<T>(query, variables, token);
  if (!result.data || result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

async function stop(child: Child<{ type: "close"; id: number }, unknown>) {
  if (child.process.connected) await Promise.race([child.call({ type: "close" }), sleepMs(30_000)]);
  child.process.kill();
}
const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function routerRoom(): Promise<RoomResult> {
  const platform = await startChild<ChatPlatformRequest, ChatPlatformReport>(
    join(import.meta.dirname, "platformChild.ts"),
  );
  const routerChild = await startChild<RouterRequest, RouterReport>("routerChild.ts", { compiled: true });
  try {
    const ready = (await platform.ready) as Extract<ChatPlatformReport, { type: "ready" }>;
    const url = await startRouterOver(routerChild, ready);
    const request = graphql(url);
    const sign = await tokenSigner(ready.signingKey);
    const { register } = await ok<{ register: { user: { id: string } } }>(
      request,
      "mutation($input: RegisterInput!) { register(input: $input) { user { id } } }",
      {
        input: {
          email: `bench-host-${randomUUID()}@example.com`,
          password: "correct-horse-42",
          displayName: "Bench Host",
        },
      },
    );
    const host = await sign(register.user.id, ["user", "coach"]);
    const { scheduleLiveStream } = await ok<{ scheduleLiveStream: { id: string } }>(
      request,
      "mutation($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }",
      { input: { title: "Bench room", scheduledAt: new Date(Date.now() + 60_000).toISOString() } },
      host,
    );
    const streamId = scheduleLiveStream.id;
    await ok(request, "mutation($id: ID!) { startLiveStream(id: $id) { id } }", { id: streamId }, host);
    console.error(`(router) signing ${fmt(VIEWERS)} viewer tokens…`);
    const tokens = await Promise.all(Array.from({ length: VIEWERS }, () => sign(randomUUID(), ["user"])));
    let n = 0;
    console.error(`(router) ${fmt(VIEWERS)} viewers subscribing…`);
    return await measureRoom(
      url.replace(/^http/, "ws"),
      tokens,
      LIVE_CHAT(streamId),
      async () => {
        n++;
        await ok(
          request,
          "mutation($s: ID!, $t: String!) { sendChatMessage(streamId: $s, text: $t) { id } }",
          { s: streamId, t: `message ${n}` },
          host,
        );
      },
      async () =>
        ((await routerChild.call({ type: "memory" })) as Extract<RouterReport, { type: "memory" }>).memory,
    );
  } finally {
    await stop(routerChild);
    await stop(platform);
  }
}

async function bareRoom(): Promise<RoomResult> {
  const bare = await startChild<BareChatRequest, BareChatReport>(
    join(import.meta.dirname, "bareChatServer.ts"),
    {
      compiled: true,
    },
  );
  try {
    const ready = (await bare.ready) as Extract<BareChatReport, { type: "ready" }>;
    console.error(`(bare) ${fmt(VIEWERS)} viewers subscribing…`);
    return await measureRoom(
      ready.url,
      Array.from({ length: VIEWERS }, () => null),
      LIVE_CHAT("bench-room"),
      async () => {
        await bare.call({ type: "send" });
      },
      async () =>
        ((await bare.call({ type: "memory" })) as Extract<BareChatReport, { type: "memory" }>).memory,
    );
  } finally {
    bare.process.kill();
  }
}

async function main() {
  const started = Date.now();
  const loadAtStart = loadAverage();
  const router = await routerRoom();
  console.error(`(router) done at ${elapsed(started)}: ${JSON.stringify(router)}`);
  const bare = await bareRoom();
  console.error(`(bare) done at ${elapsed(started)}: ${JSON.stringify(bare)}`);
  console.log(chatTable(router, bare));
  console.log(
    `\nTotal bench time ${elapsed(started)}. Load average (1/5/15 min, ${availableParallelism()} CPUs) at start ${loadAtStart}, at end ${loadAverage()}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
