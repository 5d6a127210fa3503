import "reflect-metadata";
import { type Client, createClient } from "graphql-ws";
import { Ctx, Field, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Actor } from "../src/auth/actor.ts";
import { signedWebSocket } from "../src/auth/signedWebSocket.ts";
import { defineSubgraph } from "../src/server/subgraphDefinition.ts";
import { type StartedTestSubgraph, startTestSubgraph } from "../src/testing/startTestSubgraph.ts";
import { startTestIssuer, type TestIssuer } from "../src/testing/testIssuer.ts";

@ObjectType()
class Tick {
  @Field(() => Number)
  n!: number;

  @Field(() => String, { nullable: true })
  viewer!: string | null;
}

async function* ticks(count: number, everyMs = 5): AsyncGenerator<number> {
  for (let n = 1; n <= count; n++) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    yield n;
  }
}

@Resolver()
class TickResolver {
  @Query(() => String)
  ping() {
    return "pong";
  }

  @Subscription(() => Tick, { subscribe: () => ticks(3) })
  tick(@Root() n: number, @Ctx() ctx: { actor: Actor | null }): Tick {
    return { n, viewer: ctx.actor?.userId ?? null };
  }

  @Subscription(() => Number, { subscribe: () => ticks(10_000, 50) })
  slowTick(@Root() n: number): number {
    return n;
  }
}

const definition = defineSubgraph({
  name: "ticker",
  resolvers: [TickResolver],
  createLoaders: () => ({}),
  readiness: () => [],
});

let issuer: TestIssuer;
let subgraph: StartedTestSubgraph;
let SignedWebSocket: typeof WebSocket;
const wsUrl = () => subgraph.url.replace("http://", "ws://");

function collect(client: Client): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const seen: unknown[] = [];
    client.subscribe(
      { query: "subscription { tick { n viewer } }" },
      { next: (value) => seen.push(value.data), error: reject, complete: () => resolve(seen) },
    );
  });
}

function closeCode(client: Client): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    client.on("closed", (event) => resolve(event as { code: number; reason: string }));
    client.subscribe(
      { query: "subscription { tick { n } }" },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
  });
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  subgraph = await startTestSubgraph({
    definition,
    deps: {},
    jwksUrl: issuer.jwksUrl,
    isSessionRevoked: async (sessionId) => sessionId === "signed-out",
  });
  SignedWebSocket = signedWebSocket(subgraph.routerKeys.signer);
});
afterAll(async () => {
  await subgraph?.server.close();
  await issuer?.close();
});

describe("subscriptions over graphql-ws on the subgraph's /graphql", () => {
  it("serves a signed-in subscriber with its verified identity in context", async () => {
    const token = await issuer.sign({ userId: "coach-1" });
    const client = createClient({
      url: wsUrl(),
      webSocketImpl: SignedWebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    expect(await collect(client)).toEqual([1, 2, 3].map((n) => ({ tick: { n, viewer: "coach-1" } })));
    await client.dispose();
  });

  it("serves an anonymous subscriber", async () => {
    const client = createClient({ url: wsUrl(), webSocketImpl: SignedWebSocket });
    expect(await collect(client)).toHaveLength(3);
    await client.dispose();
  });

  it("closes with 4401 on a bad token", async () => {
    const client = createClient({
      url: wsUrl(),
      webSocketImpl: SignedWebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: "Bearer nope" },
    });
    expect(await closeCode(client)).toMatchObject({ code: 4401 });
    await client.dispose();
  });

  it("closes with 4401 when the token expires mid-connection", async () => {
    const token = await issuer.sign({ userId: "u1", expiresIn: Math.floor(Date.now() / 1000) + 1 });
    const client = createClient({
      url: wsUrl(),
      webSocketImpl: SignedWebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: token },
      lazy: false,
      onNonLazyError: () => {},
    });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      client.on("closed", (e) => resolve(e as never)),
    );
    expect(closed).toMatchObject({ code: 4401, reason: expect.stringContaining("expired") });
    await client.dispose();
  });

  it("serves several callers on one connection, each named in its operation's extensions", async () => {
    const [ann, bob] = await Promise.all([issuer.sign({ userId: "ann" }), issuer.sign({ userId: "bob" })]);
    const client = createClient({ url: wsUrl(), webSocketImpl: SignedWebSocket });
    const run = (token: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const seen: unknown[] = [];
        client.subscribe(
          { query: "subscription { tick { viewer } }", extensions: { authorization: `Bearer ${token}` } },
          { next: (value) => seen.push(value.data), error: reject, complete: () => resolve(seen) },
        );
      });
    const [forAnn, forBob] = await Promise.all([run(ann), run(bob)]);
    expect(forAnn).toEqual([1, 2, 3].map(() => ({ tick: { viewer: "ann" } })));
    expect(forBob).toEqual([1, 2, 3].map(() => ({ tick: { viewer: "bob" } })));

    const refused = await run("forged").catch((errors) => errors);
    expect(refused).toEqual([expect.objectContaining({ extensions: { code: "UNAUTHENTICATED" } })]);
    await client.dispose();
  });

  it("ends an operation when the token it was sent with expires, and the shared connection lives on", async () => {
    const shortLived = await issuer.sign({ userId: "ann", expiresIn: Math.floor(Date.now() / 1000) + 2 });
    const client = createClient({ url: wsUrl(), webSocketImpl: SignedWebSocket });
    const started = Date.now();
    const outcome = await new Promise<{ ticks: number; errors: unknown }>((resolve) => {
      let ticks = 0;
      client.subscribe(
        { query: "subscription { slowTick }", extensions: { authorization: `Bearer ${shortLived}` } },
        {
          next: (value) => {
            if (value.errors) resolve({ ticks, errors: value.errors });
            else ticks++;
          },
          error: (errors) => resolve({ ticks, errors }),
          complete: () => resolve({ ticks, errors: null }),
        },
      );
    });
    expect(outcome.ticks).toBeGreaterThan(0);
    expect(outcome.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining("expired"),
        extensions: { code: "UNAUTHENTICATED" },
      }),
    ]);
    expect(Date.now() - started).toBeLessThan(4_000);
    // Another caller's operation on the same connection is untouched.
    expect(await collect(client)).toHaveLength(3);
    await client.dispose();
  });

  it("refuses an operation whose token's session was signed out", async () => {
    const token = await issuer.sign({ userId: "ann", sessionId: "signed-out" });
    const client = createClient({ url: wsUrl(), webSocketImpl: SignedWebSocket });
    const refused = await new Promise((resolve) =>
      client.subscribe(
        { query: "subscription { tick { n } }", extensions: { authorization: `Bearer ${token}` } },
        { next: () => {}, error: resolve, complete: () => resolve(null) },
      ),
    );
    expect(refused).toEqual([expect.objectContaining({ message: expect.stringContaining("signed out") })]);
    await client.dispose();
  });

  it("refuses a WebSocket upgrade the router did not sign, with 401 and the reason", async () => {
    const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0 });
    const failure = await new Promise<unknown>((resolve) =>
      client.subscribe(
        { query: "subscription { tick { n } }" },
        { next: () => {}, error: resolve, complete: () => {} },
      ),
    );
    expect(String((failure as Error).message ?? failure)).toContain("401");
    await client.dispose();
  });
});
