import { describe, expect, it } from "vitest";
import { type ReadinessCheck, runReadiness } from "../../src/server/readiness.ts";

const passing = (name: string, essential?: boolean): ReadinessCheck => ({
  name,
  essential,
  check: async () => {},
});
const failing = (name: string, essential?: boolean): ReadinessCheck => ({
  name,
  essential,
  check: async () => {
    throw new Error(`${name} refused the connection`);
  },
});
const silent = (name: string): ReadinessCheck => ({ name, check: () => new Promise(() => {}) });

describe("runReadiness", () => {
  it("is ready when every check passes", async () => {
    expect(await runReadiness([passing("postgres"), passing("redis", false)])).toEqual({
      ok: true,
      degraded: false,
      checks: { postgres: "ok", redis: "ok" },
    });
  });

  it("stays ready but degraded when only a check that is not essential fails, naming it", async () => {
    expect(
      await runReadiness([passing("postgres"), failing("redis", false), failing("nats", false)]),
    ).toEqual({
      ok: true,
      degraded: true,
      checks: { postgres: "ok", redis: "redis refused the connection", nats: "nats refused the connection" },
    });
  });

  it("is not ready when an essential check fails (checks are essential unless they say not)", async () => {
    const result = await runReadiness([failing("postgres"), passing("redis", false)]);
    expect(result).toMatchObject({ ok: false, degraded: false });
    expect(result.checks.postgres).toBe("postgres refused the connection");
  });

  it("counts a check that does not answer in time as failed", async () => {
    const result = await runReadiness([silent("postgres")], 50);
    expect(result).toMatchObject({ ok: false, checks: { postgres: "no answer within 50 ms" } });
  });
});
