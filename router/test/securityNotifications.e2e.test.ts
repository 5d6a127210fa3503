import { randomUUID } from "node:crypto";
import { eventually } from "@health/platform/testing";
import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { adminOf } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// IDOR probes on notifications (issue 12, ops M17) through the router: another person's inbox cannot
// be read, marked or streamed (no argument names a user, and none can be smuggled), a resume point
// from another's inbox tells nothing, and only an admin sends to a segment or reads a send.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
const sockets: Client[] = [];
let alice: Person;
let bob: Person;
let alicesId: string;

beforeAll(async () => {
  platform = await startPlatform({ ops: true });
  request = graphqlClient(platform.url);
  [alice, bob] = [await signUp(request, "Alice"), await signUp(request, "Bob")];
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) await socket.dispose();
  await platform?.close();
});

const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};
const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;

const INBOX =
  "query { notifications(first: 50) { nodes { id kind readAt actor { id } } } unreadNotificationCount }";
type Inbox = {
  notifications: {
    nodes: { id: string; kind: string; readAt: string | null; actor: { id: string } | null }[];
  };
  unreadNotificationCount: number;
};
const inbox = (person: Person) => ok<Inbox>(INBOX, {}, person.token);

/** `fan` follows `person`: ops tells `person` (NEW_FOLLOWER) once it saw dynamic's event. */
async function followed(person: Person, fan: Person): Promise<string> {
  await ok("mutation($id: ID!) { follow(userId: $id) { id } }", { id: person.id }, fan.token);
  const page = await eventually(
    () => inbox(person),
    (p) => p.notifications.nodes.some((n) => n.kind === "NEW_FOLLOWER" && n.actor?.id === fan.id),
  );
  return page.notifications.nodes.find((n) => n.actor?.id === fan.id)!.id;
}

function subscribeAs(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  extraParams: Record<string, unknown> = {},
) {
  const items: { id: string }[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: platform.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}`, ...extraParams },
  });
  sockets.push(client);
  client.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        const item = value.data?.notificationReceived as { id: string } | undefined;
        if (item) items.push(item);
      },
      error: (error) => errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => undefined,
    },
  );
  return { items, errors };
}

describe("notifications: IDOR probes", () => {
  it("reading: each caller gets only their own inbox, and no argument names another user", async () => {
    alicesId = await followed(alice, await signUp(request, "Carol"));
    const bobs = await inbox(bob);
    expect(bobs.notifications.nodes.map((n) => n.id)).not.toContain(alicesId);
    expect(bobs.unreadNotificationCount).toBe(0);
    for (const query of [
      `query { notifications(userId: "${alice.id}") { nodes { id } } }`,
      `query { unreadNotificationCount(userId: "${alice.id}") }`,
      `query { notificationPreferences(userId: "${alice.id}") { kind } }`,
    ]) {
      expect(codeOf(await request(query, {}, bob.token))).toBe("GRAPHQL_VALIDATION_FAILED");
    }
    expect(codeOf(await request(INBOX, {}))).toBe("UNAUTHENTICATED");
  });

  it("marking: another's id is skipped exactly like an unknown one, and mark-all touches only the caller's", async () => {
    const mark = "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }";
    const theirs = await ok<{ markNotificationsRead: { id: string }[] }>(
      mark,
      { ids: [alicesId] },
      bob.token,
    );
    const nobody = await ok<{ markNotificationsRead: { id: string }[] }>(
      mark,
      { ids: [randomUUID()] },
      bob.token,
    );
    expect(theirs).toEqual(nobody);
    expect(theirs.markNotificationsRead).toEqual([]);
    await ok("mutation { markAllNotificationsRead }", {}, bob.token);
    const alices = await inbox(alice);
    expect(alices.notifications.nodes.find((n) => n.id === alicesId)?.readAt).toBeNull();
    expect(alices.unreadNotificationCount).toBeGreaterThan(0);
    const pref = await request(
      `mutation { setNotificationPreference(kind: NEW_FOLLOWER, channel: IN_APP, enabled: false, userId: "${alice.id}") { enabled } }`,
      {},
      bob.token,
    );
    expect(codeOf(pref)).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("streaming: a caller receives only their own, whatever they put in the connection or the variables", async () => {
    const RECEIVED = "subscription($after: ID) { notificationReceived(after: $after) { id } }";
    const alicesStream = subscribeAs(alice.token, RECEIVED);
    // Bob smuggles Alice's id into the socket's parameters and the operation's variables.
    const bobsStream = subscribeAs(
      bob.token,
      RECEIVED,
      { userId: alice.id },
      { userId: alice.id, sub: alice.id },
    );
    const named = subscribeAs(
      bob.token,
      `subscription { notificationReceived(userId: "${alice.id}") { id } }`,
    );

    // Both sockets are open once the router holds their upstream subscriptions: wait for Bob's own to arrive.
    const bobsFirst = await eventually(
      async () => {
        const id = await followed(bob, await signUp(request, "Dave"));
        return bobsStream.items.some((n) => n.id === id) ? id : null;
      },
      (id) => id !== null,
    );
    expect(bobsFirst).toBeTruthy();
    const alicesNext = await followed(alice, await signUp(request, "Erin"));
    await eventually(
      async () => alicesStream.items,
      (items) => items.some((n) => n.id === alicesNext),
    );
    // Alice's arrived at her socket; a later one of Bob's arrives at his after it, and still none of hers.
    const bobsNext = await followed(bob, await signUp(request, "Frank"));
    await eventually(
      async () => bobsStream.items,
      (items) => items.some((n) => n.id === bobsNext),
    );
    expect(bobsStream.items.map((n) => n.id)).not.toContain(alicesNext);
    expect(bobsStream.errors).toEqual([]);
    expect(named.items).toEqual([]);
    expect((named.errors[0] as { message: string }).message).toMatch(/Unknown argument "userId"/);

    // A resume point from Alice's inbox is refused as an unknown one is: it tells Bob nothing.
    const resumed = subscribeAs(bob.token, RECEIVED, { after: alicesNext });
    const unknown = subscribeAs(bob.token, RECEIVED, { after: randomUUID() });
    await eventually(
      async () => [resumed.errors, unknown.errors],
      ([a, b]) => a!.length > 0 && b!.length > 0,
    );
    const messageOf = (errors: unknown[]) => errors[0] as { message: string; extensions?: { code?: string } };
    expect(messageOf(resumed.errors).extensions?.code).toBe("BAD_USER_INPUT");
    expect(messageOf(resumed.errors).message).toBe(messageOf(unknown.errors).message);
    expect(resumed.items).toEqual([]);
  });

  it("operators: only an admin sends to a segment or reads a send; the sender is recorded", async () => {
    const SEND = `mutation($input: SendNotificationInput!) { sendNotification(input: $input) { id sentBy { id } } }`;
    const input = { segment: "ALL_USERS", title: "Hello", body: "From someone who is not an operator." };
    expect(codeOf(await request(SEND, { input }, bob.token))).toBe("FORBIDDEN");
    expect(codeOf(await request(SEND, { input }))).toBe("UNAUTHENTICATED");
    const admin = await adminOf(platform, request);
    const sent = await ok<{ sendNotification: { id: string; sentBy: { id: string } } }>(
      SEND,
      { input: { ...input, body: "From the operator." } },
      admin.token,
    );
    expect(sent.sendNotification.sentBy.id).toBe(admin.id);
    const status = "query($id: ID!) { notificationSend(id: $id) { status } }";
    expect(codeOf(await request(status, { id: sent.sendNotification.id }, bob.token))).toBe("FORBIDDEN");
  });
});
