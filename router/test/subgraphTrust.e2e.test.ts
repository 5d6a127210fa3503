import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { graphqlClient } from "./support/graphqlClient.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Subgraphs trust only the router (issue 16.7): a caller who reaches a subgraph directly gets nothing
// without the router's signature, and a signed-out token is refused by the subgraph itself too.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
});
afterAll(async () => {
  await platform?.close();
});

const GRANTS = "{ consentGrants { id } }";

/** A request straight to the user subgraph, as someone past the router would send it. */
async function direct(token: string, signed: boolean) {
  const init = {
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: GRANTS }),
  };
  const url = platform.subgraphs.user!.url;
  const response = signed
    ? await platform.routerKeys.signedFetch(url, init)
    : await fetch(url, { method: "POST", ...init });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: Array<{ extensions?: { code?: string } }>;
  };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code, data: body.data };
}

/** The status a subgraph answers a WebSocket upgrade with (101 when it opens). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, "ws"), "graphql-transport-ws");
    socket.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("open", () => {
      resolve(101);
      socket.close();
    });
    socket.once("error", (error) => {
      if (!error.message.includes("Unexpected server response")) reject(error);
    });
  });
}

describe("subgraphs answer only the router", () => {
  it("refuses a direct request without the router's signature, even with a valid token", async () => {
    const ann = await signUp(request, "Ann");
    expect(await direct(ann.token, false)).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    expect(await direct(ann.token, true)).toMatchObject({ status: 200, data: { consentGrants: [] } });
    expect((await request(GRANTS, {}, ann.token)).data).toEqual({ consentGrants: [] });
  });

  it("refuses a direct WebSocket upgrade without the router's signature", async () => {
    expect(await upgradeStatus(platform.subgraphs.trade!.url)).toBe(401);
  });

  it("refuses a signed-out token at the subgraph too, not only at the router", async () => {
    const bob = await signUp(request, "Bob");
    expect(await direct(bob.token, true)).toMatchObject({ status: 200 });
    const logout = await request<{ logout: boolean }>("mutation { logout }", {}, bob.token);
    expect(logout.data).toEqual({ logout: true });

    expect((await request(GRANTS, {}, bob.token)).status).toBe(401);
    const refused = await direct(bob.token, true);
    expect(refused).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(refused.data ?? null).toBeNull();
  });
});
