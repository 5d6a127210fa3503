import { describe, expect, it } from "vitest";

export interface ConformanceTarget {
  /** The subgraph's GraphQL URL (`http://host:port/graphql`). */
  url: string;
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * What every subgraph must do alike (STYLE.md, "a conformance suite"): health, readiness of its
 * database, Redis and NATS, Prometheus metrics, its federation SDL, and errors without internals.
 * Call it inside a test file that starts the subgraph; `target()` is read once the suite runs.
 */
export function describeSubgraphConformance(name: string, target: () => ConformanceTarget): void {
  describe(`${name} subgraph conformance`, () => {
    const at = (path: string) => new URL(path, target().url).href;

    it("answers /health", async () => {
      const response = await fetch(at("/health"));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok" });
    });

    it("is /ready with its database, Redis and NATS reachable", async () => {
      const response = await fetch(at("/ready"));
      expect(await response.json()).toEqual({
        status: "ready",
        checks: { postgres: "ok", redis: "ok", nats: "ok" },
      });
      expect(response.status).toBe(200);
    });

    it("serves Prometheus metrics that count operations", async () => {
      await post(target().url, { query: "query Conformance { __typename }", operationName: "Conformance" });
      const text = await (await fetch(at("/metrics"))).text();
      expect(text).toMatch(/graphql_operations_total\{[^}]*operation="Conformance"[^}]*\} [1-9]/);
      expect(text).toContain("process_cpu_seconds_total");
    });

    it("serves its Federation 2 SDL at _service", async () => {
      const { body } = await post(target().url, { query: "{ _service { sdl } }" });
      const sdl = (body.data as { _service: { sdl: string } })._service.sdl;
      expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
    });

    it("reports bad documents with a stable code and no internals", async () => {
      const parse = await post(target().url, { query: "{ nope" });
      const validation = await post(target().url, { query: "{ fieldThatDoesNotExist }" });
      for (const { body } of [parse, validation]) {
        const [error] = body.errors as Array<{ extensions: Record<string, unknown> }>;
        expect(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"]).toContain(error?.extensions.code);
        expect(error?.extensions).not.toHaveProperty("stacktrace");
      }
    });

    it("echoes the caller's request id", async () => {
      const response = await fetch(at("/health"), { headers: { "x-request-id": "conformance-1" } });
      expect(response.headers.get("x-request-id")).toBe("conformance-1");
    });
  });
}
