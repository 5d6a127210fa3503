import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "@health/platform/config";
import { ensureEventStreams } from "@health/platform/events";
import { connectNats, type NatsConnection } from "@health/platform/nats";
import {
  createTestDatabase,
  eventually,
  type PrivateNatsServer,
  startPrivateNatsServer,
  type TestDatabase,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiConfigSchema } from "../src/config.ts";
import { connectAi } from "../src/connect.ts";
import type { AiDeps } from "../src/deps.ts";
import { openTaskUpdates, startGenerationTask } from "../src/domain/generation/tasks.ts";
import type { TaskUpdate } from "../src/domain/generation/updates.ts";

// ai as NATS user `ai` of deploy/nats/nats-server.conf, on a nats-server of this file's own, without a
// test prefix (the subjects production uses): it creates its work queue and consumer, its relay
// publishes a job, its worker pulls and acknowledges it, and task updates reach a subscriber.
const CONFIG_FILE = join(import.meta.dirname, "..", "..", "..", "deploy", "nats", "nats-server.conf");
const NATS_SERVER = "/usr/sbin/nats-server";
const passwords = Object.fromEntries(
  [...readFileSync(CONFIG_FILE, "utf8").matchAll(/\$(NATS_PASSWORD_[A-Z]+)/g)].map(([, name]) => [
    name,
    `p${randomBytes(12).toString("hex")}`,
  ]),
) as Record<string, string>;

let server: PrivateNatsServer;
let admin: NatsConnection;
let database: TestDatabase;
let ai: { deps: AiDeps; close(): Promise<void> };

describe.runIf(existsSync(NATS_SERVER))("ai's NATS user", () => {
  beforeAll(async () => {
    server = await startPrivateNatsServer({ configFile: CONFIG_FILE, env: passwords });
    admin = await connectNats(server.url, "admin", {
      NATS_USER: "admin",
      NATS_PASSWORD: passwords.NATS_PASSWORD_ADMIN,
    });
    await ensureEventStreams(admin);
    database = await createTestDatabase("ai");
    const config = loadConfig(aiConfigSchema, {
      DATABASE_URL: database.url,
      NATS_URL: server.url,
      NATS_USER: "ai",
      NATS_PASSWORD: passwords.NATS_PASSWORD_AI as string,
    });
    ai = await connectAi(config);
  });
  afterAll(async () => {
    await ai?.close();
    await admin?.close();
    await server?.close();
    await database?.drop();
  });

  it("queues, runs and streams a generation task, and opens its event consumers", async () => {
    const coach = {
      userId: randomUUID(),
      roles: ["coach"] as const,
      sessionId: "s",
      token: "t",
      expiresAt: new Date(),
    };
    const task = await startGenerationTask(
      ai.deps,
      coach,
      { kind: "POST_DRAFT", topic: "Permissions" },
      null,
    );
    const updates: TaskUpdate[] = [];
    const stream = await openTaskUpdates(ai.deps, coach, task.id);
    void (async () => {
      for await (const update of stream) updates.push(update);
    })();
    const done = await eventually(
      () => ai.deps.db.generationTask.findUniqueOrThrow({ where: { id: task.id } }),
      (row) => row.status === "SUCCEEDED",
    );
    expect(done).toMatchObject({ status: "SUCCEEDED", attempts: 1, provider: "local-template" });
    const seen = await eventually(
      async () => updates,
      (list) => list.at(-1)?.task.status === "SUCCEEDED",
    );
    expect(seen.at(-1)?.text).toBe(done.output);
    const jsm = await admin.jetstreamManager();
    const names = [];
    for await (const info of jsm.consumers.list("EVENTS")) names.push(info.name);
    expect(names.sort()).toEqual(expect.arrayContaining(["ai-content", "ai-risk"]));
    expect((await jsm.consumers.info("AI_TASKS", "ai-generation")).num_ack_pending).toBe(0);
  });
});
