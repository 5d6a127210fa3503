import { randomBytes } from "node:crypto";
import { loadConfig } from "@health/platform/config";
import { createTestDatabase, deleteEventStreams, type TestDatabase } from "@health/platform/testing";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userConfigSchema } from "../src/config.ts";
import { connectUser } from "../src/connect.ts";

let database: TestDatabase;
const bus = { prefix: `t_${randomBytes(4).toString("hex")}` };
beforeAll(async () => {
  database = await createTestDatabase("user");
});
afterAll(async () => {
  await deleteEventStreams(bus);
  await database?.drop();
});

describe("the user process's event metrics", () => {
  it("registers the outbox relay's backlog and age on the registry it is given (the process's /metrics)", async () => {
    const registry = new Registry();
    const { close } = await connectUser(loadConfig(userConfigSchema, { DATABASE_URL: database.url }), {
      eventPrefix: bus.prefix,
      metrics: registry,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const text = await registry.metrics();
      expect(text).toMatch(/^events_outbox_backlog(\{[^}]*\})? 0$/m);
      expect(text).toContain("events_outbox_oldest_age_seconds");
    } finally {
      await close();
    }
  });
});
