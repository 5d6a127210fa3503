import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CircuitBreaker } from "../../src/execution/circuitBreaker.ts";
import { GuardedSubgraphClient } from "../../src/execution/guardedSubgraphClient.ts";
import { SubgraphHttpClient } from "../../src/execution/subgraphHttpClient.ts";

// A load balancer in front of a subgraph's instances answers for them when none could (issue 17.6).

let answer: { status: number; contentType: string; body: string };
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () =>
      res.writeHead(answer.status, { "content-type": answer.contentType }).end(answer.body),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const BAD_GATEWAY =
  "<html><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

describe("a balancer's error page in place of a subgraph's answer", () => {
  it("is SUBGRAPH_UNAVAILABLE naming the subgraph, with reason proxy and the status, and opens no circuit", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 60_000 });
    const http = new SubgraphHttpClient(url);
    const client = new GuardedSubgraphClient("trade", http, { timeoutMs: 1_000, breaker });
    for (const status of [502, 503, 504]) {
      answer = { status, contentType: "text/html", body: BAD_GATEWAY };
      await expect(
        client.post("{}", {}, { retryOnConnectionError: false, path: ["createServiceOrder"] }),
      ).rejects.toMatchObject({
        path: ["createServiceOrder"],
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "trade", reason: "proxy", status },
      });
    }
    expect(breaker.state).toBe("closed");
    await http.close();
  });

  it("leaves a GraphQL answer with such a status, and any other status, to the gateway", async () => {
    const http = new SubgraphHttpClient(url);
    const client = new GuardedSubgraphClient("trade", http, {
      timeoutMs: 1_000,
      breaker: new CircuitBreaker(),
    });
    answer = { status: 503, contentType: "application/json", body: '{"errors":[{"message":"busy"}]}' };
    expect(await client.post("{}", {}, { retryOnConnectionError: false })).toMatchObject({ status: 503 });
    answer = { status: 500, contentType: "text/html", body: "oops" };
    expect(await client.post("{}", {}, { retryOnConnectionError: false })).toMatchObject({ status: 500 });
    await http.close();
  });
});
