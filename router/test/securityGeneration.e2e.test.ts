import { eventually } from "@health/platform/testing";
import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { adminOf, signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// IDOR probes on ai's generation tasks (issue 12): another user's task can be neither read, cancelled
// nor followed, and its existence is not revealed (NOT_FOUND, as for an id that does not exist); a
// user who is not a coach cannot start a coach's kind; the risk score is an admin's.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
const sockets: Client[] = [];
let owner: Person;
let taskId: string;

const codeOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  platform = await startPlatform({ ai: true });
  request = graphqlClient(platform.url);
  owner = await signUpCoach(platform, request, "OwnerCoach");
  const { data, errors } = await request<{ startGenerationTask: { id: string } }>(
    `mutation($input: StartGenerationTaskInput!) { startGenerationTask(input: $input) { id } }`,
    { input: { kind: "POST_DRAFT", topic: "Private draft" } },
    owner.token,
  );
  if (!data) throw new Error(JSON.stringify(errors));
  taskId = data.startGenerationTask.id;
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) await socket.dispose();
  await platform?.close();
});

describe("generation tasks are their owner's", () => {
  it("hides another user's task from generationTask, myGenerationTasks and cancelGenerationTask", async () => {
    const other = await signUpCoach(platform, request, "OtherCoach");
    const read = await request(
      `query($id: ID!) { generationTask(id: $id) { id output } }`,
      { id: taskId },
      other.token,
    );
    expect(codeOf(read)).toBe("NOT_FOUND");
    expect(read.data).toBeNull();
    const list = await request<{ myGenerationTasks: { nodes: Array<{ id: string }> } }>(
      "{ myGenerationTasks { nodes { id } } }",
      {},
      other.token,
    );
    expect(list.data?.myGenerationTasks.nodes).toEqual([]);
    const cancel = await request(
      `mutation($id: ID!) { cancelGenerationTask(id: $id) { id status } }`,
      { id: taskId },
      other.token,
    );
    expect(codeOf(cancel)).toBe("NOT_FOUND");
    // Still the owner's, untouched.
    const mine = await request<{ generationTask: { id: string; status: string } }>(
      `query($id: ID!) { generationTask(id: $id) { id status } }`,
      { id: taskId },
      owner.token,
    );
    expect(mine.data?.generationTask.id).toBe(taskId);
    expect(mine.data?.generationTask.status).not.toBe("CANCELLED");
  });

  it("lets an admin read any task, but not cancel it", async () => {
    const admin = await adminOf(platform, request);
    const read = await request<{ generationTask: { id: string } }>(
      `query($id: ID!) { generationTask(id: $id) { id } }`,
      { id: taskId },
      admin.token,
    );
    expect(read.data?.generationTask.id).toBe(taskId);
    const cancel = await request(
      `mutation($id: ID!) { cancelGenerationTask(id: $id) { id } }`,
      { id: taskId },
      admin.token,
    );
    expect(codeOf(cancel)).toBe("NOT_FOUND");
  });

  it("refuses to stream another user's task over the WebSocket", async () => {
    const other = await signUp(request, "Snooper");
    const client = createClient({
      url: platform.url.replace("http", "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${other.token}` },
    });
    sockets.push(client);
    const received: unknown[] = [];
    const errors: Array<{ extensions?: Record<string, unknown> }> = [];
    let ended = false;
    client.subscribe(
      {
        query: `subscription($id: ID!) { generationTaskUpdated(id: $id) { taskId text } }`,
        variables: { id: taskId },
      },
      {
        next: (value) => {
          if (value.errors) errors.push(...(value.errors as typeof errors));
          if (value.data?.generationTaskUpdated) received.push(value.data.generationTaskUpdated);
        },
        error: (error) => {
          errors.push(...((Array.isArray(error) ? error : [error]) as typeof errors));
          ended = true;
        },
        complete: () => {
          ended = true;
        },
      },
    );
    await eventually(async () => ended || errors.length > 0, Boolean);
    expect(received).toEqual([]);
    expect(errors[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses a coach's kind to a user who is not a coach, and writes nothing", async () => {
    const member = await signUp(request, "Member");
    const start = await request(
      `mutation($input: StartGenerationTaskInput!) { startGenerationTask(input: $input) { id } }`,
      { input: { kind: "COURSE_OUTLINE", topic: "Anything" } },
      member.token,
    );
    expect(codeOf(start)).toBe("FORBIDDEN");
    const consult = await request(
      `mutation($input: StartGenerationTaskInput!) { startGenerationTask(input: $input) { id } }`,
      { input: { kind: "CONSULT_REPLY", orderId: taskId, messages: [{ from: "CUSTOMER", text: "hi" }] } },
      member.token,
    );
    expect(codeOf(consult)).toBe("FORBIDDEN");
    const list = await request<{ myGenerationTasks: { nodes: unknown[] } }>(
      "{ myGenerationTasks { nodes { id } } }",
      {},
      member.token,
    );
    expect(list.data?.myGenerationTasks.nodes).toEqual([]);
  });

  it("keeps risk scores to admins", async () => {
    const coach = await signUpCoach(platform, request, "CuriousCoach");
    const refused = await request(
      `query($id: ID!) { riskScore(userId: $id) { score } }`,
      { id: owner.id },
      coach.token,
    );
    expect(codeOf(refused)).toBe("FORBIDDEN");
  });
});
