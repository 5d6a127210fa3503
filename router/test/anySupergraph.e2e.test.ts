import { buildSubgraphSchema } from "@apollo/subgraph";
import { createTokenVerifier } from "@health/platform/auth";
import { createLogger } from "@health/platform/logging";
import { composeSupergraph } from "@health/platform/schema";
import { startTestIssuer, type TestIssuer } from "@health/platform/testing";
import { GraphQLError, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRouter, type Router } from "../src/createRouter.ts";
import { type ForeignSubgraph, serveForeignSubgraph } from "./support/foreignSubgraph.ts";
import { graphqlClient } from "./support/graphqlClient.ts";

// The router is not tied to our subgraphs: any valid supergraph file works, and the environment can
// point a subgraph somewhere else than the URL the file names.

const PRODUCTS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "upc") { upc: String! name: String! }
  type Query { topProducts: [Product!]! }
`;
const REVIEWS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }
  type Review { body: String! seenAuthorization: String failing: String }
`;

const serve = (typeDefs: string, resolvers: object) =>
  serveForeignSubgraph(buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers: resolvers as never }]));

let issuer: TestIssuer;
let router: Router;
let url: string;
const upstreams: ForeignSubgraph[] = [];

beforeAll(async () => {
  issuer = await startTestIssuer();
  const products = await serve(PRODUCTS, {
    Query: { topProducts: () => [{ upc: "1", name: "Blood pressure monitor" }] },
    Product: { __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc, name: "?" }) },
  });
  const reviews = await serve(REVIEWS, {
    Product: {
      __resolveReference: (ref: { upc: string }) => ref,
      reviews: (_: unknown, __: unknown, ctx: { authorization: string | null }) => [
        { body: "Accurate.", seenAuthorization: ctx.authorization },
      ],
    },
    Review: {
      failing: () => {
        throw new GraphQLError("Review 7 is gone.", { extensions: { code: "NOT_FOUND" } });
      },
    },
  });
  upstreams.push(products, reviews);
  // The file names a dead address for products; the override must win.
  const { supergraphSdl } = composeSupergraph([
    { name: "products", url: "http://127.0.0.1:9/graphql", sdl: PRODUCTS },
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
    urlOverrides: { PRODUCTS: products.url },
  });
  url = await router.listen(0);
});

afterAll(async () => {
  await router?.close();
  for (const upstream of upstreams) await upstream.close();
  await issuer?.close();
});

describe("the router with a supergraph that is not ours", () => {
  it("plans across its subgraphs, honours URL overrides, and forwards the verified token", async () => {
    const token = await issuer.sign({ userId: "u1" });
    const result = await graphqlClient(url)(
      "{ topProducts { name reviews { body seenAuthorization } } }",
      {},
      token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      topProducts: [
        {
          name: "Blood pressure monitor",
          reviews: [{ body: "Accurate.", seenAuthorization: `Bearer ${token}` }],
        },
      ],
    });
  });

  it("serves anonymous callers without forwarding any token", async () => {
    const result = await graphqlClient(url)("{ topProducts { reviews { seenAuthorization } } }");
    expect(result.data).toEqual({ topProducts: [{ reviews: [{ seenAuthorization: null }] }] });
  });

  it("refuses a bad token with 401 before planning", async () => {
    const result = await graphqlClient(url)("{ topProducts { upc } }", {}, "not-a-token");
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("keeps a subgraph error's code and tags it with the subgraph's name", async () => {
    const result = await graphqlClient(url)("{ topProducts { name reviews { failing } } }");
    expect(result.data).toEqual({
      topProducts: [{ name: "Blood pressure monitor", reviews: [{ failing: null }] }],
    });
    expect(result.errors?.[0]).toMatchObject({
      message: "Review 7 is gone.",
      extensions: { code: "NOT_FOUND", serviceName: "reviews" },
    });
  });
});
