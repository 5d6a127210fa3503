import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { connectSocket, type Socket } from "./support/socketClient.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";
import { type SubgraphProcess, startSubgraphProcess } from "./support/subgraphProcess.ts";

// Subscriptions whose upstream subgraph (dynamic, a real process of its own) is killed or frozen are
// completed with an error naming it; the client subscribes again once it is back.

const TIMEOUT_MS = 1_000;
const FEED = "subscription { feedUpdated { id } }";

let platform: StartedPlatform;
let dynamic: SubgraphProcess;
let routerUrl: string;
let person: Person;
const sockets: Socket[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  dynamic = await startSubgraphProcess("dynamic", {
    DATABASE_URL: platform.databaseUrls.dynamic,
    ...platform.joinEnv,
  });
  routerUrl = await platform.startRouter({
    urlOverrides: { DYNAMIC: dynamic.url },
    subgraphFailures: { timeoutMs: TIMEOUT_MS, failureThreshold: 3, coolDownMs: 1_000 },
  });
  person = await signUp(graphqlClient(platform.url), "Ann");
});
afterAll(async () => {
  for (const socket of sockets) await socket.client.dispose();
  await dynamic?.stop();
  await platform?.close();
});

interface Subscription {
  /** Everything the router sent, in order: each `next` payload, then "complete" (or the error). */
  messages: unknown[];
  ended: Promise<number>;
}

function subscribe(): Subscription {
  const socket = connectSocket(routerUrl, person.token);
  sockets.push(socket);
  const messages: unknown[] = [];
  const ended = new Promise<number>((resolve) =>
    socket.client.subscribe(
      { query: FEED },
      {
        next: (value) => messages.push(value),
        error: (error) => resolve(messages.push({ error: String(error) })),
        complete: () => resolve(messages.push("complete")),
      },
    ),
  );
  return { messages, ended };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, settle(ms).then(() => "still open")]);

const LOST = {
  errors: [
    {
      message: 'Subgraph "dynamic" went away; this subscription is complete. Subscribe again.',
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "dynamic", reason: "connection-lost" },
    },
  ],
};

describe("a subscription whose upstream subgraph goes away", () => {
  it("stays open while the subgraph is up", async () => {
    const open = subscribe();
    expect(await within(open.ended, 1_500)).toBe("still open");
    expect(open.messages).toEqual([]);
  });

  it("killed: is completed at once with an error naming the subgraph; subscribing again works once it is back", async () => {
    const open = subscribe();
    await settle(1_000);
    await dynamic.kill();
    expect(await within(open.ended, TIMEOUT_MS)).not.toBe("still open");
    expect(open.messages).toEqual([LOST, "complete"]);

    await dynamic.restart();
    const again = subscribe();
    expect(await within(again.ended, 1_500)).toBe("still open");
  });

  it("frozen (SIGSTOP): is completed within two timeouts (an unanswered ping), and so is a new one", async () => {
    const open = subscribe();
    await settle(1_000);
    dynamic.freeze();
    try {
      expect(await within(open.ended, 2 * TIMEOUT_MS + 1_500)).not.toBe("still open");
      expect(open.messages).toEqual([LOST, "complete"]);

      const started = performance.now();
      const fresh = subscribe();
      expect(await within(fresh.ended, TIMEOUT_MS + 1_500)).not.toBe("still open");
      expect(fresh.messages).toEqual([LOST, "complete"]);
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1_500);
    } finally {
      dynamic.thaw();
    }
  });
});
