import { describe, expect, it } from "vitest";
import { parseRouterPrivateKey } from "../auth/routerKeys.ts";
import { createRouterSigner, ROUTER_SIGNATURE_HEADER } from "../auth/routerSignature.ts";
import { createTestRouterKeys, type TestRouterKeys } from "./testRouterKeys.ts";

export interface ConformanceTarget {
  /** The subgraph's GraphQL URL (`http://host:port/graphql`). */
  url: string;
  /** The router keys it trusts. */
  routerKeys: TestRouterKeys;
}

/**
 * What every subgraph must do alike (../shared/design/STYLE.md, "a conformance suite"): health, readiness of its
 * database, Redis and NATS, Prometheus metrics, its federation SDL, and errors without internals.
 * Call it inside a test file that starts the subgraph; `target()` is read once the suite runs.
 */
export function describeSubgraphConformance(name: string, target: () => ConformanceTarget): void {
  describe(`${name} subgraph conformance`, () => {
    const at = (path: string) => new URL(path, target().url).href;
    const post = async (url: string, body: unknown) => {
      const response = await target().routerKeys.signedFetch(url, {
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

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

    it("serves Prometheus metrics that count operations, under names it ships only", async () => {
      await post(target().url, { query: "query Conformance { __typename }", operationName: "Conformance" });
      const text = await (await fetch(at("/metrics"))).text();
      // A name outside the persisted-documents manifest is counted as `other`: clients cannot grow /metrics.
      expect(text).toMatch(/graphql_operations_total\{[^}]*operation="other"[^}]*outcome="ok"[^}]*\} [1-9]/);
      expect(text).not.toContain('operation="Conformance"');
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

    it("refuses with 401 any request the router did not sign, exactly as sent (issue 16.7)", async () => {
      const body = JSON.stringify({ query: "{ __typename }" });
      const path = new URL(target().url).pathname;
      const own = createRouterSigner(parseRouterPrivateKey(target().routerKeys.privateKey));
      const stale = createRouterSigner(
        parseRouterPrivateKey(target().routerKeys.privateKey),
        () => Date.now() - 60_000,
      );
      const send = (signature: string | null, sent = body, authorization?: string) =>
        fetch(target().url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(signature ? { [ROUTER_SIGNATURE_HEADER]: signature } : {}),
            ...(authorization ? { authorization } : {}),
          },
          body: sent,
        });
      const signed = (signer = own, authorization?: string) =>
        signer.sign({ method: "POST", path, body, authorization });
      const refusals = {
        unsigned: await send(null),
        "another key": await send(signed(createTestRouterKeys().signer)),
        stale: await send(signed(stale)),
        "body changed": await send(signed(), JSON.stringify({ query: "{ _service { sdl } }" })),
        "token added": await send(signed(), body, "Bearer someone-elses-token"),
        malformed: await send("t=1,sig=abc"),
      };
      for (const [why, response] of Object.entries(refusals)) {
        expect({ why, status: response.status }).toEqual({ why, status: 401 });
        const { errors } = (await response.json()) as {
          errors: Array<{ extensions: Record<string, unknown> }>;
        };
        expect(errors[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", reason: "router-signature" });
      }
      expect((await send(signed())).status).toBe(200);
    });

    it("echoes the caller's request id", async () => {
      const response = await fetch(at("/health"), { headers: { "x-request-id": "conformance-1" } });
      expect(response.headers.get("x-request-id")).toBe("conformance-1");
    });
  });
}
