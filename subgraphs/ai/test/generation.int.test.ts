import { randomUUID } from "node:crypto";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requeueStaleTasks } from "../src/domain/generation/staleTasks.ts";
import { taskSubject } from "../src/domain/generation/workQueue.ts";
import { type AiHarness, startAiSubgraph } from "./harness.ts";
import { type FakeChatServer, startFakeChatServer } from "./support/fakeChatServer.ts";

const START = `mutation ($input: StartGenerationTaskInput!) {
  startGenerationTask(input: $input) { id status attempts promptVersion }
}`;
const READ = `query ($id: ID!) {
  generationTask(id: $id) { id status attempts lastError provider model promptVersion output }
}`;
const CANCEL = `mutation ($id: ID!) { cancelGenerationTask(id: $id) { id status } }`;

let chat: FakeChatServer;
let ai: AiHarness;
let coach: { id: string; token: string };

beforeAll(async () => {
  chat = await startFakeChatServer();
  ai = await startAiSubgraph({
    AI_PROVIDER_URL: chat.url,
    AI_PROVIDER_API_KEY: "sk-test-key",
    AI_MODEL: "test-model-1",
    AI_RETRY_BASE_MS: "10",
    AI_MAX_ATTEMPTS: "3",
  });
  coach = await ai.person(["user", "coach"]);
});
afterAll(async () => {
  await ai?.close();
  await chat?.close();
});

const start = async (input: Record<string, unknown>) => {
  const { data, errors } = await ai.request<{ startGenerationTask: { id: string } }>(
    START,
    { input },
    coach.token,
  );
  expect(errors).toBeUndefined();
  return data?.startGenerationTask.id as string;
};
const read = (id: string) => ai.db.generationTask.findUniqueOrThrow({ where: { id } });
const final = (id: string) =>
  eventually(
    () => read(id),
    (task) => ["SUCCEEDED", "FAILED", "CANCELLED"].includes(task.status),
  );

describe("generation tasks with an OpenAI-compatible provider", () => {
  it("retries a 503 and succeeds on the second attempt, recording provider, model and prompt version", async () => {
    chat.script.push(
      { kind: "status", status: 503 },
      { kind: "stream", pieces: ["Lesson 1: ", "Breathing", "."] },
    );
    const before = chat.seen.length;
    const id = await start({ kind: "COURSE_OUTLINE", topic: "Breathing", lessonCount: 3 });
    const task = await final(id);
    expect(task).toMatchObject({
      status: "SUCCEEDED",
      attempts: 2,
      output: "Lesson 1: Breathing.",
      provider: "openai-compatible",
      model: "test-model-1",
      promptVersion: "course-outline@1",
      lastError: null,
    });
    const calls = chat.seen.slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.authorization).toBe("Bearer sk-test-key");
    expect(calls[0]?.body).toMatchObject({ model: "test-model-1", stream: true });
    expect(calls[0]?.body.messages?.at(-1)?.content).toContain('"Breathing"');
    const { data } = await ai.request<{ generationTask: { output: string } }>(READ, { id }, coach.token);
    expect(data?.generationTask.output).toBe("Lesson 1: Breathing.");
  });

  it("fails at once on a 400, with a message safe to show", async () => {
    chat.script.push({ kind: "status", status: 400 });
    const id = await start({ kind: "POST_DRAFT", topic: "Hydration" });
    const task = await final(id);
    expect(task).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastError: "The provider answered HTTP 400.",
    });
  });

  it("fails after AI_MAX_ATTEMPTS retryable failures with the last error", async () => {
    chat.script.push(
      { kind: "status", status: 500 },
      { kind: "status", status: 502 },
      { kind: "status", status: 429 },
    );
    const id = await start({ kind: "POST_DRAFT", topic: "Stretching" });
    const task = await final(id);
    expect(task).toMatchObject({
      status: "FAILED",
      attempts: 3,
      lastError: "The provider answered HTTP 429.",
    });
  });

  it("cancels a task mid-stream: the upstream request is aborted and the row stays CANCELLED", async () => {
    chat.script.push({ kind: "hang", pieces: ["Thank you", " for"] });
    const before = chat.seen.length;
    const id = await start({
      kind: "CONSULT_REPLY",
      orderId: randomUUID(),
      messages: [{ from: "CUSTOMER", text: "I sleep badly." }],
    });
    const streaming = await eventually(
      () => read(id),
      (task) => task.output === "Thank you for",
    );
    expect(streaming).toMatchObject({ status: "RUNNING", output: "Thank you for" });
    const { data, errors } = await ai.request<{ cancelGenerationTask: { status: string } }>(
      CANCEL,
      { id },
      coach.token,
    );
    expect(errors).toBeUndefined();
    expect(data?.cancelGenerationTask.status).toBe("CANCELLED");
    await chat.seen[before]?.aborted;
    // Cancelling again: it is final.
    const again = await ai.request(CANCEL, { id }, coach.token);
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const task = await read(id);
    expect(task).toMatchObject({ status: "CANCELLED", attempts: 1 });
  });

  it("never runs a task twice at once: a second job for a RUNNING task waits for the lease", async () => {
    chat.script.push({ kind: "hang", pieces: ["Only once"] });
    const before = chat.seen.length;
    const id = await start({ kind: "POST_DRAFT", topic: "Concurrency" });
    await eventually(
      () => read(id),
      (task) => task.output === "Only once",
    );
    const jsm = await ai.deps.nats.jetstreamManager();
    const stream = `${ai.bus.prefix}_AI_TASKS`;
    const delivered = (await jsm.consumers.info(stream, "ai-generation")).delivered.consumer_seq;
    await ai.deps.nats
      .jetstream()
      .publish(taskSubject(ai.bus), JSON.stringify({ id: randomUUID(), payload: { taskId: id } }));
    // The duplicate is delivered (to this process's other worker slot) and put back, not run.
    await eventually(
      () => jsm.consumers.info(stream, "ai-generation"),
      (info) => info.delivered.consumer_seq > delivered,
    );
    await ai.request(CANCEL, { id }, coach.token);
    await chat.seen[before]?.aborted;
    // One provider call and one attempt: the duplicate found the task held (then cancelled), never free.
    expect(chat.seen.length).toBe(before + 1);
    expect(await read(id)).toMatchObject({ status: "CANCELLED", attempts: 1, output: "Only once" });
  });

  it("drops a redelivered job for a finished task", async () => {
    const id = await start({ kind: "POST_DRAFT", topic: "Walking" });
    const done = await final(id);
    expect(done.status).toBe("SUCCEEDED");
    const calls = chat.seen.length;
    // The same job again (as after a worker died before its ack), under a new message id.
    const envelope = { id: randomUUID(), payload: { taskId: id } };
    const jsm = await ai.deps.nats.jetstreamManager();
    const streamSeq = (await ai.deps.nats.jetstream().publish(taskSubject(ai.bus), JSON.stringify(envelope)))
      .seq;
    // Work-queue retention: the message leaves the stream once acknowledged.
    const stored = () =>
      jsm.streams.getMessage(`${ai.bus.prefix}_AI_TASKS`, { seq: streamSeq }).then(
        () => true,
        () => false,
      );
    expect(await eventually(stored, (present) => !present)).toBe(false);
    expect(chat.seen.length).toBe(calls);
    expect(await read(id)).toMatchObject({
      status: "SUCCEEDED",
      attempts: done.attempts,
      version: done.version,
    });
  });

  it("queues again a task whose job was lost, once it has sat untouched long enough", async () => {
    const id = randomUUID();
    const long = new Date(Date.now() - 11 * 60_000);
    // A QUEUED task with no job anywhere (JetStream gave up on it while the database was away).
    await ai.db.generationTask.create({
      data: {
        id,
        ownerId: coach.id,
        kind: "POST_DRAFT",
        input: { kind: "POST_DRAFT", topic: "Lost", tone: null },
        promptVersion: "post-draft@1",
        updatedAt: long,
      },
    });
    const fresh = await ai.db.generationTask.create({
      data: {
        id: randomUUID(),
        ownerId: coach.id,
        kind: "POST_DRAFT",
        input: { kind: "POST_DRAFT", topic: "Fresh", tone: null },
        promptVersion: "post-draft@1",
      },
    });
    expect(await requeueStaleTasks(ai.db)).toBe(1);
    expect(await requeueStaleTasks(ai.db)).toBe(0);
    const task = await final(id);
    expect(task).toMatchObject({ status: "SUCCEEDED", attempts: 1, output: "Hello, world." });
    expect((await read(fresh.id)).status).toBe("QUEUED");
    await ai.db.generationTask.delete({ where: { id: fresh.id } });
  });

  it("refuses bad input naming the field, and a caller who is not a coach, writing nothing", async () => {
    const bad = await ai.request(START, { input: { kind: "COURSE_OUTLINE", lessonCount: 3 } }, coach.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "topic" });
    const member = await ai.person(["user"]);
    const refused = await ai.request(START, { input: { kind: "POST_DRAFT", topic: "x" } }, member.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await ai.db.generationTask.count({ where: { ownerId: member.id } })).toBe(0);
  });

  it("returns the same task for the same idempotency key", async () => {
    const input = { kind: "POST_DRAFT", topic: "Rest days", idempotencyKey: "draft-1" };
    const [a, b] = await Promise.all([start(input), start(input)]);
    expect(a).toBe(b);
  });
});

describe("generation tasks with the local template provider", () => {
  let local: AiHarness;
  beforeAll(async () => {
    local = await startAiSubgraph();
  });
  afterAll(() => local?.close());

  it("writes an honest, template-filled text with the platform's course titles", async () => {
    await local.db.publishedContent.create({
      data: {
        contentId: randomUUID(),
        authorId: randomUUID(),
        kind: "COURSE",
        title: "Yoga for Runners",
        publishedAt: new Date(),
      },
    });
    const who = await local.person(["coach"]);
    const { data } = await local.request<{ startGenerationTask: { id: string } }>(
      START,
      { input: { kind: "COURSE_OUTLINE", topic: "Mobility", lessonCount: 2 } },
      who.token,
    );
    const id = data?.startGenerationTask.id as string;
    const task = await eventually(
      () => local.db.generationTask.findUniqueOrThrow({ where: { id } }),
      (row) => row.status === "SUCCEEDED",
    );
    expect(task).toMatchObject({ provider: "local-template", model: "template-v1", attempts: 1 });
    expect(task.output).toContain("not written by a language model");
    expect(task.output).toContain("Yoga for Runners");
  });
});
