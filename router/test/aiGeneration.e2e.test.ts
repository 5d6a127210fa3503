import { eventually } from "@health/platform/testing";
import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type FakeChatServer, startFakeChatServer } from "../../subgraphs/ai/test/support/fakeChatServer.ts";
import { signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import type { Person } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 12, ai generation: a coach starts a task through the router, the task runs asynchronously on
// ai's work queue against an OpenAI-compatible server (a real HTTP server of this file's, failing the
// first call with a 503), and its generationTaskUpdated subscription over the router's WebSocket
// receives RUNNING, the text in pieces and SUCCEEDED with the whole text.

let chat: FakeChatServer;
let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
const sockets: Client[] = [];

beforeAll(async () => {
  chat = await startFakeChatServer();
  platform = await startPlatform({
    ai: true,
    aiEnv: { AI_PROVIDER_URL: chat.url, AI_MODEL: "e2e-model", AI_RETRY_BASE_MS: "10" },
  });
  request = graphqlClient(platform.url);
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) await socket.dispose();
  await platform?.close();
  await chat?.close();
});

interface Update {
  taskId: string;
  status: string;
  attempts: number;
  provider: string | null;
  model: string | null;
  promptVersion: string;
  delta: string | null;
  offset: number | null;
  text: string | null;
}

const START = `mutation($input: StartGenerationTaskInput!) {
  startGenerationTask(input: $input) { id status promptVersion }
}`;
const UPDATES = `subscription($id: ID!) {
  generationTaskUpdated(id: $id) { taskId status attempts provider model promptVersion delta offset text }
}`;

function watch(person: Person, id: string) {
  const client = createClient({
    url: platform.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${person.token}` },
  });
  sockets.push(client);
  const updates: Update[] = [];
  const errors: unknown[] = [];
  let completed = false;
  client.subscribe(
    { query: UPDATES, variables: { id } },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        const update = value.data?.generationTaskUpdated as Update | undefined;
        if (update) updates.push(update);
      },
      error: (error) => errors.push(error),
      complete: () => {
        completed = true;
      },
    },
  );
  return { updates, errors, completed: () => completed };
}

/** The text a subscriber rebuilds: a status update's `text` replaces it, a delta lands at its offset. */
const textOf = (updates: readonly Update[]) =>
  updates.reduce((text, update) => {
    if (update.text !== null) return update.text;
    if (update.delta !== null && update.offset !== null) return text.slice(0, update.offset) + update.delta;
    return text;
  }, "");

describe("generation tasks through the router", () => {
  it("streams a task's status and text to its subscriber, retrying a provider failure", async () => {
    const coach = await signUpCoach(platform, request, "GenCoach");
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pieces = ["Lesson 1: Sleep hygiene", "\n- A wind-down routine", "\n- Light and screens"];
    chat.script.push({ kind: "status", status: 503 }, { kind: "stream", pieces, after: gate });

    const { data, errors } = await request<{
      startGenerationTask: { id: string; status: string; promptVersion: string };
    }>(START, { input: { kind: "COURSE_OUTLINE", topic: "Better sleep", lessonCount: 1 } }, coach.token);
    expect(errors).toBeUndefined();
    const task = data?.startGenerationTask;
    expect(task).toMatchObject({ status: "QUEUED", promptVersion: "course-outline@1" });
    const id = task?.id as string;

    const watcher = watch(coach, id);
    // The second attempt holds its stream until the subscriber has seen it RUNNING.
    await eventually(
      async () => watcher.updates,
      (updates) => updates.some((u) => u.status === "RUNNING" && u.attempts === 2),
    );
    release();
    await eventually(async () => watcher.completed(), Boolean);

    expect(watcher.errors).toEqual([]);
    const last = watcher.updates.at(-1);
    expect(last).toMatchObject({
      taskId: id,
      status: "SUCCEEDED",
      attempts: 2,
      provider: "openai-compatible",
      model: "e2e-model",
      promptVersion: "course-outline@1",
      text: pieces.join(""),
    });
    const deltas = watcher.updates.filter((u) => u.delta !== null);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((u) => u.status === "RUNNING")).toBe(true);
    // What the deltas alone build, before the final update's text: the whole text.
    expect(textOf(watcher.updates.slice(0, -1))).toBe(pieces.join(""));
  });

  it("gives a subscriber who joins after the end the finished task, then completes", async () => {
    const coach = await signUpCoach(platform, request, "LateCoach");
    const { data } = await request<{ startGenerationTask: { id: string } }>(
      START,
      { input: { kind: "POST_DRAFT", topic: "Morning walks" } },
      coach.token,
    );
    const id = data?.startGenerationTask.id as string;
    await eventually(
      async () =>
        (
          await request<{ generationTask: { status: string } }>(
            `query($id: ID!) { generationTask(id: $id) { status } }`,
            { id },
            coach.token,
          )
        ).data?.generationTask.status,
      (status) => status === "SUCCEEDED",
    );
    const late = watch(coach, id);
    await eventually(async () => late.completed(), Boolean);
    expect(late.updates).toEqual([
      expect.objectContaining({ status: "SUCCEEDED", text: "Hello, world.", delta: null, attempts: 1 }),
    ]);
  });
});
