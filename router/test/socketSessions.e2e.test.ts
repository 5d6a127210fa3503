import { revokedSessionKey, sessionRevocationsConnectionName } from "@health/platform/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlClient } from "./support/graphqlClient.ts";
import { connectSocket, openSubscription, subscribeOnce } from "./support/socketClient.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// What a signed-out session keeps: nothing. Its sockets close as soon as auth revokes it.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
});
afterAll(async () => {
  await platform?.close();
});

const FEED = "subscription { feedUpdated { id } }";
const PASSWORD = "correct-horse-42";

interface Session {
  accessToken: string;
  refreshToken: string;
}

async function register(name: string): Promise<{ email: string; session: Session }> {
  const email = `${name.toLowerCase()}-${crypto.randomUUID()}@example.com`;
  const result = await request<{ register: Session }>(
    "mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken } }",
    { input: { email, password: PASSWORD, displayName: name } },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return { email, session: result.data.register };
}

async function signIn(email: string): Promise<Session> {
  const result = await request<{ login: Session }>(
    "mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }",
    { input: { email, password: PASSWORD } },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.login;
}

const refresh = (refreshToken: string) =>
  request(
    "mutation($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { accessToken refreshToken } }",
    { refreshToken },
  );

/** Resolves with the close, or "open" if the socket is still open after `ms`. */
const closedWithin = (closed: Promise<{ code: number; reason: string }>, ms: number) =>
  Promise.race([closed, new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms))]);

describe("a session's sockets", () => {
  it("close with 4401 within a second of signing out; the same person's other session stays open", async () => {
    const { email, session } = await register("Leaver");
    const other = await signIn(email);
    const signedOut = openSubscription(platform.url, session.accessToken, FEED);
    const staying = openSubscription(platform.url, other.accessToken, FEED);
    expect(await Promise.all([signedOut.outcome, staying.outcome])).toEqual(["open", "open"]);

    const logout = await request("mutation { logout }", {}, session.accessToken);
    expect(logout.errors).toBeUndefined();
    expect(await closedWithin(signedOut.closed, 1_000)).toEqual({
      code: 4401,
      reason: "This session was signed out; sign in again.",
    });
    expect(await closedWithin(staying.closed, 300)).toBe("open");
    await Promise.all([signedOut.client.dispose(), staying.client.dispose()]);
  });

  it("close within a second when a refresh token is presented twice (the session is revoked)", async () => {
    const { session } = await register("Replayed");
    const socket = openSubscription(platform.url, session.accessToken, FEED);
    expect(await socket.outcome).toBe("open");
    expect((await refresh(session.refreshToken)).errors).toBeUndefined();
    const replay = await refresh(session.refreshToken);
    expect(replay.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await closedWithin(socket.closed, 1_000)).toMatchObject({ code: 4401 });
    await socket.client.dispose();
  });
});

describe("when the router missed an announcement", () => {
  it("closes the session's sockets once its Redis subscription is back, from auth's markers", async () => {
    const { session } = await register("Missed");
    const socket = openSubscription(platform.url, session.accessToken, FEED);
    expect(await socket.outcome).toBe("open");
    const redis = platform.authDeps.redis;
    const { sid } = JSON.parse(Buffer.from(session.accessToken.split(".")[1] ?? "", "base64url").toString());
    // Revoked while the announcement went nowhere: the marker is set, nothing is published.
    await redis.set(revokedSessionKey(sid), "1", "EX", 60);
    expect(await closedWithin(socket.closed, 300)).toBe("open");

    // Redis drops the routers' subscriber connections (a restart does the same); they reconnect.
    const name = sessionRevocationsConnectionName(redis);
    const ids = String(await redis.client("LIST"))
      .split("\n")
      .filter((line) => line.includes(` name=${name} `))
      .map((line) => /\bid=(\d+)/.exec(line)?.[1] ?? "");
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) await redis.client("KILL", "ID", id);
    expect(await closedWithin(socket.closed, 2_000)).toMatchObject({ code: 4401 });
    await socket.client.dispose();
  });
});

describe("caps on sockets and subscriptions", () => {
  const limits = {
    connectionsPerIp: 2,
    connectionsPerUser: 2,
    subscriptionsPerConnection: 2,
    subscriptionsPerUser: 3,
  };
  let url: string;
  beforeAll(async () => {
    url = await platform.startRouter({ socketLimits: limits });
  });

  it("closes a third socket from one address with 4429 and a reason; other addresses and freed slots open", async () => {
    const { session } = await register("Crowd");
    const from = (address: string) => connectSocket(url, session.accessToken, { "x-forwarded-for": address });
    const first = from("203.0.113.9");
    const second = from("203.0.113.9");
    expect(
      await Promise.all([subscribeOnce(first.client, FEED), subscribeOnce(second.client, FEED)]),
    ).toEqual(["open", "open"]);
    const third = from("203.0.113.9");
    expect(await closedWithin(third.closed, 1_000)).toEqual({
      code: 4429,
      reason: "Too many connections from your address (at most 2)",
    });
    await first.client.dispose();
    await first.closed;
    const again = from("203.0.113.9");
    expect(await closedWithin(again.closed, 500)).toBe("open");
    await Promise.all([second.client.dispose(), again.client.dispose(), third.client.dispose()]);
  });

  /** A subscribe on `client` is answered with LIMIT_EXCEEDED naming the cap. */
  const expectCapped = async (client: Parameters<typeof subscribeOnce>[0], limit: string, max: number) =>
    expect(JSON.parse(await subscribeOnce(client, FEED)).errors[0].extensions).toEqual({
      code: "LIMIT_EXCEEDED",
      limit,
      max,
    });

  it("refuses subscriptions over the per-socket and per-user caps with LIMIT_EXCEEDED, and a user's extra socket with 4429", async () => {
    const { session } = await register("Hoarder");
    const socket = (address: string) =>
      connectSocket(url, session.accessToken, { "x-forwarded-for": address });
    const one = socket("198.51.100.1");
    expect(await subscribeOnce(one.client, FEED)).toBe("open");
    expect(await subscribeOnce(one.client, FEED)).toBe("open");
    await expectCapped(one.client, "subscriptionsPerConnection", 2);

    const two = socket("198.51.100.2");
    expect(await subscribeOnce(two.client, FEED)).toBe("open");
    await expectCapped(two.client, "subscriptionsPerUser", 3);

    const three = socket("198.51.100.3");
    void subscribeOnce(three.client, FEED);
    expect(await closedWithin(three.closed, 1_000)).toEqual({
      code: 4429,
      reason: "Your account holds 2 sockets with subscriptions, the most allowed",
    });
    await Promise.all([one, two, three].map(({ client }) => client.dispose()));
  });
});
