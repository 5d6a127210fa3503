import { buildSubgraphSchema } from "@apollo/subgraph";
import { type Actor, createTokenVerifier, type Role } from "@health/platform/auth";
import { createFormatError } from "@health/platform/errors";
import { createLogger } from "@health/platform/logging";
import { composeSupergraph } from "@health/platform/schema";
import { attachSubscriptionServer, declareVisibilityScope } from "@health/platform/server";
import { startTestIssuer, type TestIssuer } from "@health/platform/testing";
import { type GraphQLSchema, parse } from "graphql";
import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createRouter, type Router } from "../src/createRouter.ts";
import { serveForeignSubgraph } from "./support/foreignSubgraph.ts";

// Groups of identical subscriptions shared across callers (router/src/subscriptions/README.md): callers
// share one upstream operation only inside the scope the owning subgraph announced, and never when a
// field is fetched from another subgraph with the caller's token.

const PRODUCTS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "upc") { upc: String! label: String! name: String! }
  type Query { product(upc: String!): Product }
`;
const BULLETINS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "upc", resolvable: false) { upc: String! }
  type Bulletin { text: String! audience: String! product: Product! }
  type Query { ok: Boolean }
  type Subscription { bulletin: Bulletin! }
`;

interface BulletinEvent {
  text: string;
  audience: string;
  product: { upc: string };
}

/** The authorization header of each request for a product's `name` (null: anonymous). */
const nameFetchedWith: Array<string | null> = [];

/** The bulletins subgraph's event source: each open stream, with the role it was opened for. */
const streams = new Set<{ role: string; push(event: BulletinEvent): void }>();
function publish(event: BulletinEvent): void {
  for (const stream of streams) if (stream.role === event.audience) stream.push(event);
}

/** A stream of the bulletins for `role`; `return()` ends it at once. */
function bulletinStream(role: string): AsyncIterableIterator<{ bulletin: BulletinEvent }> {
  const queue: BulletinEvent[] = [];
  let wake: (() => void) | null = null;
  const stream = {
    role,
    push: (event: BulletinEvent) => {
      queue.push(event);
      wake?.();
    },
  };
  streams.add(stream);
  const iterator: AsyncIterableIterator<{ bulletin: BulletinEvent }> = {
    next: async () => {
      while (queue.length === 0 && streams.has(stream)) await new Promise<void>((r) => (wake = r));
      const event = queue.shift();
      return event ? { done: false, value: { bulletin: event } } : { done: true, value: undefined };
    },
    return: async () => {
      streams.delete(stream);
      wake?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

const listen = (schema: GraphQLSchema, withSockets: boolean) =>
  serveForeignSubgraph(
    schema,
    withSockets
      ? (httpServer) =>
          attachSubscriptionServer<{ actor: Actor | null }>({
            httpServer,
            path: "/graphql",
            schema,
            verifier,
            logger: createLogger("bulletins", "silent"),
            formatError: createFormatError(createLogger("bulletins", "silent")),
            context: (actor) => ({ actor }),
          })
      : undefined,
  );

let issuer: TestIssuer;
let verifier: ReturnType<typeof createTokenVerifier>;
let router: Router;
let wsUrl: string;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  verifier = createTokenVerifier({
    jwksUrl: issuer.jwksUrl,
    issuer: issuer.issuer,
    audience: issuer.audience,
  });
  const products = await listen(
    buildSubgraphSchema([
      {
        typeDefs: parse(PRODUCTS),
        resolvers: {
          Product: {
            // What a product's label says depends on who asks: the caller's own view.
            __resolveReference: async (ref: { upc: string }, ctx: { authorization: string | null }) => {
              const token = ctx.authorization?.replace(/^Bearer /, "");
              const actor = token ? await verifier.verify(token) : null;
              return { upc: ref.upc, label: `${ref.upc} for ${actor?.userId ?? "nobody"}` };
            },
            // A product's name is the same for everyone (the router is told so: callerIndependentFields).
            name: (product: { upc: string }, _: unknown, ctx: { authorization: string | null }) => {
              nameFetchedWith.push(ctx.authorization ?? null);
              return `Product ${product.upc}`;
            },
          },
        } as never,
      },
    ]),
    false,
  );
  const bulletins = await listen(
    buildSubgraphSchema([
      {
        typeDefs: parse(BULLETINS),
        resolvers: {
          Query: { ok: () => true },
          Subscription: {
            bulletin: {
              // Everyone with the same first role sees the same bulletins: that is the scope.
              subscribe: (_: unknown, __: unknown, ctx: { actor: Actor | null }) => {
                const role = ctx.actor?.roles[0] ?? "anonymous";
                declareVisibilityScope(ctx, `role:${role}`);
                return bulletinStream(role);
              },
            },
          },
        } as never,
      },
    ]),
    true,
  );
  closers.push(products.close, bulletins.close);
  const { supergraphSdl } = composeSupergraph([
    { name: "products", url: products.url, sdl: PRODUCTS },
    { name: "bulletins", url: bulletins.url, sdl: BULLETINS },
  ]);
  router = await createRouter({
    supergraphSdl,
    verifier,
    logger: createLogger("router", "silent"),
    callerIndependentFields: ["Product.name"],
  });
  wsUrl = (await router.listen(0)).replace("http", "ws");
});

afterAll(async () => {
  await router?.close();
  for (const close of closers) await close();
  await issuer?.close();
});

async function subscriber(userId: string, role: Role, query: string) {
  const token = await issuer.sign({ userId, roles: [role] });
  const client: Client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const received: unknown[] = [];
  const errors: unknown[] = [];
  client.subscribe(
    { query },
    { next: (value) => received.push(value.data), error: (e) => errors.push(e), complete() {} },
  );
  return { received, errors, close: () => client.dispose() };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("subscription groups across callers", () => {
  it("callers in the same scope share one upstream operation; callers in another scope never see its events", async () => {
    const query = "subscription { bulletin { text audience } }";
    const coachA = await subscriber("coach-a", "coach", query);
    const coachB = await subscriber("coach-b", "coach", query);
    const admin = await subscriber("admin-1", "admin", query);
    await until(() => streams.size >= 2);
    await settle();
    expect([...streams].map((s) => s.role).sort()).toEqual(["admin", "coach"]);

    publish({ text: "for coaches", audience: "coach", product: { upc: "1" } });
    publish({ text: "for admins", audience: "admin", product: { upc: "1" } });
    await until(() => coachA.received.length > 0 && coachB.received.length > 0 && admin.received.length > 0);
    await settle();

    const coachView = [{ bulletin: { text: "for coaches", audience: "coach" } }];
    expect(coachA.received).toEqual(coachView);
    expect(coachB.received).toEqual(coachView);
    expect(admin.received).toEqual([{ bulletin: { text: "for admins", audience: "admin" } }]);
    for (const s of [coachA, coachB, admin]) expect(s.errors).toEqual([]);

    await coachA.close();
    await settle();
    publish({ text: "still here", audience: "coach", product: { upc: "1" } });
    await until(() => coachB.received.length === 2);
    expect(coachB.received[1]).toEqual({ bulletin: { text: "still here", audience: "coach" } });
    await coachB.close();
    await admin.close();
    await until(() => streams.size === 0);
    expect(streams.size).toBe(0);
  });

  it("a field fetched from another subgraph with the caller's token is never shared, even inside one scope", async () => {
    const query = "subscription { bulletin { text product { upc label } } }";
    const coachA = await subscriber("coach-a", "coach", query);
    const coachB = await subscriber("coach-b", "coach", query);
    await until(() => streams.size >= 2);
    await settle();
    // Two upstream operations for one scope: each caller's own group.
    expect(streams.size).toBe(2);

    publish({ text: "labels", audience: "coach", product: { upc: "7" } });
    await until(() => coachA.received.length > 0 && coachB.received.length > 0);
    expect(coachA.received).toEqual([
      { bulletin: { text: "labels", product: { upc: "7", label: "7 for coach-a" } } },
    ]);
    expect(coachB.received).toEqual([
      { bulletin: { text: "labels", product: { upc: "7", label: "7 for coach-b" } } },
    ]);
    await coachA.close();
    await coachB.close();
    await until(() => streams.size === 0);
  });

  it("fields every caller sees the same are fetched once, anonymously, for callers sharing a scope", async () => {
    const query = "subscription { bulletin { text product { upc name } } }";
    const coachA = await subscriber("coach-a", "coach", query);
    const coachB = await subscriber("coach-b", "coach", query);
    await until(() => streams.size >= 1);
    await settle();
    // One upstream operation for the scope: the callers share a group.
    expect(streams.size).toBe(1);

    nameFetchedWith.length = 0;
    publish({ text: "names", audience: "coach", product: { upc: "9" } });
    await until(() => coachA.received.length > 0 && coachB.received.length > 0);
    const view = [{ bulletin: { text: "names", product: { upc: "9", name: "Product 9" } } }];
    expect(coachA.received).toEqual(view);
    expect(coachB.received).toEqual(view);
    // Once for the group, and with no member's token.
    expect(nameFetchedWith).toEqual([null]);
    await coachA.close();
    await coachB.close();
    await until(() => streams.size === 0);
  });
});
