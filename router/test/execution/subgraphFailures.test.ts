import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CircuitBreaker } from "../../src/execution/circuitBreaker.ts";
import { SubgraphDataSource } from "../../src/execution/subgraphDataSource.ts";
import type { RouterContext } from "../../src/routerContext.ts";

/** What the subgraph does with each request it receives, in order; past the list it answers. */
type Behaviour = "answer" | "hang" | "reset";
let script: Behaviour[] = [];
let received = 0;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const behaviour = script[received++] ?? "answer";
    req.resume();
    req.on("end", () => {
      if (behaviour === "reset") req.socket.destroy();
      else if (behaviour === "answer")
        res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"ok":true}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  script = [];
  received = 0;
});

const context: RouterContext = { requestId: "r1", actor: null, partner: null, clientIp: "203.0.113.7" };
const operation = (query: string): GraphQLDataSourceProcessOptions<RouterContext> => ({
  kind: "incoming operation" as GraphQLDataSourceRequestKind.INCOMING_OPERATION,
  request: { query, variables: {}, operationName: "Op" },
  incomingRequestContext: {} as never,
  context,
  pathInIncomingRequest: ["me", "coaches", "@"],
});
const QUERY = "query Op { ok }";
const MUTATION = "mutation Op { like }";

describe("SubgraphDataSource when its subgraph fails", () => {
  it("gives up on a subgraph that does not answer after its timeout, with a coded error naming it", async () => {
    const source = new SubgraphDataSource(url, { name: "user", timeoutMs: 200 });
    script = ["hang"];
    const started = Date.now();
    await expect(source.process(operation(QUERY))).rejects.toMatchObject({
      path: ["me", "coaches"],
      extensions: { code: "SUBGRAPH_TIMEOUT", serviceName: "user", timeoutMs: 200 },
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    await source.close();
  });

  it("sends a query once more after a reset connection, never a mutation", async () => {
    const source = new SubgraphDataSource(url, { name: "user", dedupe: false });
    script = ["reset"];
    expect((await source.process(operation(QUERY))).data).toEqual({ ok: true });
    expect(received).toBe(2);

    received = 0;
    script = ["reset"];
    await expect(source.process(operation(MUTATION))).rejects.toMatchObject({
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "user", reason: "connection" },
    });
    expect(received).toBe(1);
    await source.close();
  });

  it("retries a query only once", async () => {
    const source = new SubgraphDataSource(url, { name: "user" });
    script = ["reset", "reset", "answer"];
    await expect(source.process(operation(QUERY))).rejects.toMatchObject({
      extensions: { code: "SUBGRAPH_UNAVAILABLE", reason: "connection" },
    });
    expect(received).toBe(2);
    await source.close();
  });

  it("fails at once while the circuit is open, then closes it when a probe gets through", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 300 });
    const source = new SubgraphDataSource(url, { name: "user", timeoutMs: 100, breaker });
    script = ["hang", "hang"];
    for (const _ of [1, 2]) await expect(source.process(operation(QUERY))).rejects.toThrow(/did not answer/);
    expect(breaker.state).toBe("open");

    const started = Date.now();
    await expect(source.process(operation(QUERY))).rejects.toMatchObject({
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "user", reason: "circuit-open" },
    });
    expect(Date.now() - started).toBeLessThan(50);
    expect(received).toBe(2);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await source.process(operation(QUERY))).data).toEqual({ ok: true });
    expect(breaker.state).toBe("closed");
    await source.close();
  });

  it("reports a port nobody listens on as unavailable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const source = new SubgraphDataSource(`http://127.0.0.1:${port}/graphql`, { name: "trade" });
    await expect(source.process(operation(QUERY))).rejects.toMatchObject({
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "trade", reason: "connection" },
    });
    await source.close();
  });
});
