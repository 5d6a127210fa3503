import type { Server } from "node:http";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { createTokenVerifier } from "@health/platform/auth";
import { createLogger } from "@health/platform/logging";
import { composeSupergraph } from "@health/platform/schema";
import { startTestIssuer, type TestIssuer } from "@health/platform/testing";
import { type GraphQLSchema, parse } from "graphql";
import { type Client, createClient } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { createRouter, type Router } from "../src/createRouter.ts";
import { serveForeignSubgraph } from "./support/foreignSubgraph.ts";

// Subscriptions through the router: the owning subgraph pushes events over graphql-ws; fields that
// another subgraph owns are resolved per event through the query plan.

const PRODUCTS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "upc") { upc: String! name: String! }
  type Query { product(upc: String!): Product }
`;
const REVIEWS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "upc", resolvable: false) { upc: String! }
  type Review { body: String! product: Product! seenBy: String }
  type Query { reviews: [Review!]! }
  type Subscription { reviewAdded(upc: String!): Review! flood(count: Int!): Review! quiet: Review! }
`;

const NAMES: Record<string, string> = { "1": "Blood pressure monitor", "2": "Scale" };

/** The foreign subgraph's WebSocket: plain graphql-ws, reading the caller the router names per operation. */
function plainGraphqlWs(schema: GraphQLSchema) {
  return (server: Server) => {
    const wsServer = new WebSocketServer({ server, path: "/graphql" });
    const disposable = useServer(
      {
        schema,
        // The router names each subscriber in the subscribe message's extensions.
        context: (_ctx, _id, payload) => ({ authorization: payload.extensions?.authorization ?? null }),
      },
      wsServer,
    );
    return {
      close: async () => {
        await disposable.dispose();
        wsServer.close();
      },
    };
  };
}

const serve = (schema: GraphQLSchema, withWs: boolean) =>
  serveForeignSubgraph(schema, withWs ? plainGraphqlWs(schema) : undefined);

const upstreamSubscriptions = { reviewAdded: 0, quietOpen: 0 };
let issuer: TestIssuer;
let router: Router;
let wsUrl: string;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  const products = await serve(
    buildSubgraphSchema([
      {
        typeDefs: parse(PRODUCTS),
        resolvers: {
          Product: { __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc, name: NAMES[ref.upc] }) },
        } as never,
      },
    ]),
    false,
  );
  const reviews = await serve(
    buildSubgraphSchema([
      {
        typeDefs: parse(REVIEWS),
        resolvers: {
          Query: { reviews: () => [] },
          Subscription: {
            quiet: {
              // One event, then silence: a client leaving now must still end this upstream operation.
              // Hand-written so that return() is seen at once (a generator would wait for its timer).
              subscribe: () => {
                upstreamSubscriptions.quietOpen++;
                let sent = false;
                let release: (() => void) | undefined;
                return {
                  next: async () => {
                    if (!sent) {
                      sent = true;
                      return {
                        done: false,
                        value: { quiet: { body: "first", product: { upc: "1" }, seenBy: null } },
                      };
                    }
                    await new Promise<void>((resolve) => {
                      release = resolve;
                    });
                    return { done: true, value: undefined };
                  },
                  return: async () => {
                    upstreamSubscriptions.quietOpen--;
                    release?.();
                    return { done: true, value: undefined };
                  },
                  [Symbol.asyncIterator]() {
                    return this;
                  },
                };
              },
            },
            flood: {
              subscribe: async function* (_: unknown, { count }: { count: number }) {
                const body = "x".repeat(16 * 1024);
                for (let n = 0; n < count; n++) {
                  yield { flood: { body, product: { upc: "2" }, seenBy: String(n) } };
                  if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
                }
              },
            },
            reviewAdded: {
              subscribe: async function* (
                _: unknown,
                { upc }: { upc: string },
                ctx: { authorization: string | null },
              ) {
                upstreamSubscriptions.reviewAdded++;
                for (const body of ["Accurate.", "Easy to use."]) {
                  await new Promise((resolve) => setTimeout(resolve, 10));
                  yield { reviewAdded: { body, product: { upc }, seenBy: ctx.authorization } };
                }
              },
            },
          },
        } as never,
      },
    ]),
    true,
  );
  closers.push(products.close, reviews.close);
  const { supergraphSdl } = composeSupergraph([
    { name: "products", url: products.url, sdl: PRODUCTS },
    { name: "reviews", url: reviews.url, sdl: REVIEWS },
  ]);
  router = await createRouter({
    supergraphSdl,
    verifier: createTokenVerifier({
      jwksUrl: issuer.jwksUrl,
      issuer: issuer.issuer,
      audience: issuer.audience,
    }),
    logger: createLogger("router", "silent"),
    maxBufferedBytes: 256 * 1024,
  });
  wsUrl = (await router.listen(0)).replace("http", "ws");
});

afterAll(async () => {
  await router?.close();
  for (const close of closers) await close();
  await issuer?.close();
});

function collect(client: Client, query: string, variables: Record<string, unknown>): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const seen: unknown[] = [];
    client.subscribe(
      { query, variables },
      { next: (v) => seen.push(v), error: reject, complete: () => resolve(seen) },
    );
  });
}

describe("subscriptions through the router", () => {
  it("streams events with fields from another subgraph resolved per event, carrying the subscriber's token", async () => {
    const token = await issuer.sign({ userId: "coach-7" });
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const events = await collect(
      client,
      "subscription($upc: String!) { reviewAdded(upc: $upc) { body seenBy product { upc name } } }",
      { upc: "1" },
    );
    expect(events).toEqual(
      ["Accurate.", "Easy to use."].map((body) => ({
        data: {
          reviewAdded: {
            body,
            seenBy: `Bearer ${token}`,
            product: { upc: "1", name: "Blood pressure monitor" },
          },
        },
      })),
    );
    await client.dispose();
  });

  it("refuses a bad token with close code 4401", async () => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: "Bearer forged" },
    });
    const closed = await new Promise<{ code: number }>((resolve) => {
      client.on("closed", (event) => resolve(event as { code: number }));
      client.subscribe(
        { query: 'subscription { reviewAdded(upc: "1") { body } }' },
        { next() {}, error() {}, complete() {} },
      );
    });
    expect(closed.code).toBe(4401);
    await client.dispose();
  });

  it("validates the document against the API schema before subscribing upstream", async () => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: await issuer.sign({ userId: "coach-9" }) },
    });
    const outcome = await collect(client, 'subscription { reviewAdded(upc: "1") { nope } }', {}).catch(
      (errors) => errors,
    );
    expect(JSON.stringify(outcome)).toContain("Cannot query field");
    await client.dispose();
  });

  it("shares one upstream subscription between identical subscriptions of the same caller", async () => {
    const token = await issuer.sign({ userId: "coach-8" });
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: token },
    });
    const before = upstreamSubscriptions.reviewAdded;
    const query = "subscription($upc: String!) { reviewAdded(upc: $upc) { body product { name } } }";
    const [first, second] = await Promise.all([
      collect(client, query, { upc: "2" }),
      collect(client, query, { upc: "2" }),
    ]);
    expect(first).toEqual(second);
    expect(first).toHaveLength(2);
    expect(upstreamSubscriptions.reviewAdded - before).toBe(1);
    await client.dispose();
  });

  it("disconnects a client that stops reading with 4008 instead of buffering without bound", async () => {
    const stalled: Array<{ resume(): void }> = [];
    // A client whose socket stops reading right after the handshake.
    class StalledWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        this.once("message", () => {
          const socket = (this as unknown as { _socket: { pause(): void; resume(): void } })._socket;
          socket.pause();
          stalled.push(socket);
        });
      }
    }
    const client = createClient({
      url: wsUrl,
      webSocketImpl: StalledWebSocket,
      connectionParams: { authorization: await issuer.sign({ userId: "coach-10" }) },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.on("closed", (event) => resolve(event as { code: number; reason: string })),
    );
    await new Promise<void>((resolve) => client.on("connected", () => resolve()));
    client.subscribe(
      { query: "subscription { flood(count: 3000) { body } }" },
      { next() {}, error() {}, complete() {} },
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Reading again, the client drains what was sent before the router gave up, then sees the close frame.
    for (const socket of stalled) socket.resume();
    expect(await closed).toMatchObject({ code: 4008 });
    await client.dispose();
  });

  it("ends the upstream operation as soon as the client leaves, even with no further event", async () => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: await issuer.sign({ userId: "coach-11" }) },
    });
    const first = await new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: "subscription { quiet { body } }" },
        { next: resolve, error: reject, complete() {} },
      );
    });
    expect(first).toEqual({ data: { quiet: { body: "first" } } });
    expect(upstreamSubscriptions.quietOpen).toBe(1);
    await client.dispose();
    const deadline = Date.now() + 2_000;
    while (upstreamSubscriptions.quietOpen > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(upstreamSubscriptions.quietOpen).toBe(0);
  });
});
