import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SubgraphDataSource } from "../../src/execution/subgraphDataSource.ts";
import type { RouterContext } from "../../src/routerContext.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
}

/** A subgraph that records what it receives and answers after 50 ms (so that concurrent calls overlap). */
let server: Server;
let url: string;
let received: Received[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: { data: { ok: true } } };

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  answer = { status: 200, body: { data: { ok: true } } };
});

const caller = (token: string | null, requestId = "req-1"): RouterContext => ({
  requestId,
  actor: token
    ? { userId: "u1", roles: ["user"], sessionId: "s1", token, expiresAt: new Date(Date.now() + 60_000) }
    : null,
  partner: null,
  clientIp: "203.0.113.7",
});

const operation = (
  query: string,
  context: RouterContext,
  variables: Record<string, unknown> = {},
): GraphQLDataSourceProcessOptions<RouterContext> => ({
  // The enum is not a runtime export vitest can see (CommonJS); its value is this string.
  kind: "incoming operation" as GraphQLDataSourceRequestKind.INCOMING_OPERATION,
  request: { query, variables, operationName: "Op" },
  incomingRequestContext: {} as never,
  context,
});

const QUERY = "query Op { ok }";

describe("SubgraphDataSource", () => {
  it("forwards the caller's request id, address and token with the operation", async () => {
    const source = new SubgraphDataSource(url);
    const result = await source.process(operation(QUERY, caller("tok-a"), { id: "7" }));
    expect(result.data).toEqual({ ok: true });
    expect(received).toHaveLength(1);
    expect(received[0]?.headers).toMatchObject({
      "x-request-id": "req-1",
      "x-forwarded-for": "203.0.113.7",
      authorization: "Bearer tok-a",
      "content-type": "application/json",
    });
    expect(received[0]?.body).toEqual({ query: QUERY, variables: { id: "7" }, operationName: "Op" });
    await source.close();
  });

  it("shares one request among identical concurrent queries of the same caller token only", async () => {
    const source = new SubgraphDataSource(url);
    const results = await Promise.all([
      source.process(operation(QUERY, caller("tok-a", "r1"))),
      source.process(operation(QUERY, caller("tok-a", "r2"))),
      source.process(operation(QUERY, caller("tok-b", "r3"))),
      source.process(operation(QUERY, caller(null, "r4"))),
      source.process(operation(QUERY, caller(null, "r5"))),
    ]);
    expect(results.map((r) => r.data)).toEqual(Array(5).fill({ ok: true }));
    expect(received.map((r) => r.headers.authorization ?? "none").sort()).toEqual([
      "Bearer tok-a",
      "Bearer tok-b",
      "none",
    ]);
    // Each caller gets its own copy: the gateway merges into what it receives.
    expect(results[0]).not.toBe(results[1]);
    await source.close();
  });

  it("never shares mutations, nor anything when deduplication is off", async () => {
    const source = new SubgraphDataSource(url);
    const mutation = "mutation Op { like }";
    await Promise.all([
      source.process(operation(mutation, caller("a"))),
      source.process(operation(mutation, caller("a"))),
    ]);
    expect(received).toHaveLength(2);
    await source.close();

    received = [];
    const undeduplicated = new SubgraphDataSource(url, { dedupe: false });
    await Promise.all([
      undeduplicated.process(operation(QUERY, caller("a"))),
      undeduplicated.process(operation(QUERY, caller("a"))),
    ]);
    expect(received).toHaveLength(2);
    await undeduplicated.close();
  });

  it("turns a non-2xx answer into the error RemoteGraphQLDataSource raises", async () => {
    const source = new SubgraphDataSource(url);
    answer = { status: 401, body: { errors: [{ message: "no" }] } };
    const failure = source.process(operation(QUERY, caller(null)));
    await expect(failure).rejects.toMatchObject({
      message: "401: Unauthorized",
      extensions: {
        code: "UNAUTHENTICATED",
        response: { url, status: 401, statusText: "Unauthorized", body: { errors: [{ message: "no" }] } },
      },
    });
    answer = { status: 502, body: "upstream down" };
    await expect(source.process(operation(QUERY, caller(null)))).rejects.toMatchObject({
      message: "502: Bad Gateway",
    });
    await source.close();
  });

  it("hands GraphQL errors of a 2xx answer to the gateway unchanged", async () => {
    const source = new SubgraphDataSource(url);
    answer = {
      status: 200,
      body: { data: null, errors: [{ message: "Review 7 is gone.", extensions: { code: "NOT_FOUND" } }] },
    };
    expect(await source.process(operation(QUERY, caller(null)))).toEqual(answer.body);
    await source.close();
  });

  it("sends each distinct entity representation once and answers for every one", async () => {
    const source = new SubgraphDataSource(url);
    const representations = [
      { __typename: "Product", upc: "1" },
      { __typename: "Product", upc: "2" },
      { __typename: "Product", upc: "1" },
    ];
    answer = { status: 200, body: { data: { _entities: [{ name: "Table" }, { name: "Couch" }] } } };
    const result = await source.process(
      operation(
        "query Op($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { name } } }",
        caller(null),
        { representations },
      ),
    );
    expect(received[0]?.body.variables).toEqual({ representations: representations.slice(0, 2) });
    expect(result.data?._entities).toEqual([{ name: "Table" }, { name: "Couch" }, { name: "Table" }]);
    await source.close();
  });
});
