import { createHash } from "node:crypto";
import { privacyAnswersOf } from "@health/events/catalog";
import { DATA_HOLDERS } from "@health/events/privacy";
import { exportJsonBytes, exportPartName, untarGz } from "@health/platform/privacy";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintDownloadLink } from "../../subgraphs/auth/src/privacy/export/downloadLink.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { withRoles } from "./support/roles.ts";
import { connectSocket, subscribeOnce } from "./support/socketClient.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 13, the security suite's part of data-subject rights, through the router: exporting or erasing
// someone else is FORBIDDEN, and a download link expires and is bound to its owner. The export is assembled by auth's
// real consumer from parts this test writes as the ten subgraphs would (its row is made straight in
// auth's database, so no subgraph of this platform answers it with a part of its own).

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let owner: Person;
let stranger: Person;
let admin: Person;
let exportId: string;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.map((e) => e.extensions?.code);
const READ =
  "query($id: ID!) { dataExport(id: $id) { id status subgraphsPending download { url expiresAt } } }";

/** The link's path and query, sent to `routerUrl`'s origin (auth's PUBLIC_URL is the default router port). */
function download(link: string, token?: string, routerUrl = platform.url) {
  const target = new URL(link);
  return fetch(new URL(`${target.pathname}${target.search}`, routerUrl), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

async function linkOf(who: Person): Promise<string> {
  const result = await request<{ dataExport: { download: { url: string } | null } }>(
    READ,
    { id: exportId },
    who.token,
  );
  const url = result.data?.dataExport.download?.url;
  if (!url) throw new Error(`no link: ${JSON.stringify(result)}`);
  return url;
}

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
  owner = await signUp(request, "Owner");
  stranger = await signUp(request, "Stranger");
  admin = await withRoles(platform, await signUp(request, "Admin"), ["user", "admin"]);

  const db = platform.authDb;
  exportId = (await db.dataExport.create({ data: { userId: owner.id, requestedBy: owner.id } })).id;
  for (const subgraph of DATA_HOLDERS) {
    const stored = await platform.authDeps.exports.put(
      exportPartName(exportId, subgraph),
      exportJsonBytes({ subgraph, exportId, userId: owner.id, sections: { items: [{ id: subgraph }] } }),
    );
    await platform.publishEvent(
      privacyAnswersOf[subgraph].partReady,
      {
        exportId,
        objectName: stored.name,
        sha256: stored.sha256,
        bytes: stored.bytes,
        sections: { items: 1 },
      },
      owner.id,
    );
  }
  const ready = await eventually(
    () => db.dataExport.findUniqueOrThrow({ where: { id: exportId } }),
    (row) => row.status === "READY",
    30_000,
  );
  if (ready.status !== "READY") throw new Error("the export was never assembled");
});
afterAll(async () => {
  await platform?.close();
});

describe("exporting someone else's data", () => {
  it("is FORBIDDEN to anyone but an admin, and their export is NOT_FOUND to them", async () => {
    const mutation = "mutation($id: ID) { requestDataExport(userId: $id) { id } }";
    expect(codes(await request(mutation, { id: owner.id }, stranger.token))).toEqual(["FORBIDDEN"]);
    expect(codes(await request(READ, { id: exportId }, stranger.token))).toEqual(["NOT_FOUND"]);
    expect(await platform.authDb.dataExport.count({ where: { userId: owner.id } })).toBe(1);
  });
});

describe("erasing someone else", () => {
  it("is FORBIDDEN to anyone, admins included, and their erasure is NOT_FOUND to anyone but an admin", async () => {
    const ask = "mutation($p: String!, $id: ID) { requestAccountErasure(password: $p, userId: $id) { id } }";
    // signUp's password: a caller who knows their own password still cannot name someone else.
    for (const caller of [stranger, admin]) {
      expect(codes(await request(ask, { p: "correct-horse-42", id: owner.id }, caller.token))).toEqual([
        "FORBIDDEN",
      ]);
    }
    expect(await platform.authDb.accountErasure.count()).toBe(0);

    const own = await request<{ requestAccountErasure: { id: string } }>(
      ask,
      { p: "correct-horse-42" },
      owner.token,
    );
    const erasureId = own.data!.requestAccountErasure.id;
    const status = "query($id: ID!) { accountErasureStatus(id: $id) { id status } }";
    const cancel = "mutation($id: ID!) { cancelAccountErasure(id: $id) { id status } }";
    expect(codes(await request(status, { id: erasureId }, stranger.token))).toEqual(["NOT_FOUND"]);
    expect(codes(await request(cancel, { id: erasureId }, stranger.token))).toEqual(["NOT_FOUND"]);
    expect(codes(await request(cancel, { id: erasureId }, admin.token))).toEqual(["FORBIDDEN"]);
    const wrong = await request(ask, { p: "not-my-password" }, stranger.token);
    expect(codes(wrong)).toEqual(["FORBIDDEN"]);
    // The owner takes it back; the export tests below still have their account.
    const cancelled = await request<{ cancelAccountErasure: { status: string } }>(
      cancel,
      { id: erasureId },
      owner.token,
    );
    expect(cancelled.data?.cancelAccountErasure.status).toBe("CANCELLED");
  });
});

describe("dataExportUpdated through the router", () => {
  it("gives the owner the state now, then each part as it comes in; anyone else NOT_FOUND", async () => {
    const person = await signUp(request, "Subscriber");
    const { id } = await platform.authDb.dataExport.create({
      data: { userId: person.id, requestedBy: person.id },
    });
    const query = `subscription { dataExportUpdated(id: "${id}") { id status subgraphsReady } }`;
    const intruder = connectSocket(platform.url, stranger.token);
    expect(await subscribeOnce(intruder.client, query)).toMatch(/NOT_FOUND/);

    const socket = connectSocket(platform.url, person.token);
    const seen: Array<{ status: string; subgraphsReady: string[] }> = [];
    socket.client.subscribe(
      { query },
      {
        next: (value) => {
          const state = value.data?.dataExportUpdated as (typeof seen)[number] | undefined;
          if (state) seen.push(state);
        },
        error: () => {},
        complete: () => {},
      },
    );
    await eventually(
      async () => seen.length,
      (n) => n >= 1,
    );
    expect(seen[0]).toEqual({ id, status: "REQUESTED", subgraphsReady: [] });
    const stored = await platform.authDeps.exports.put(exportPartName(id, "ai"), exportJsonBytes({ id }));
    await platform.publishEvent(
      privacyAnswersOf.ai.partReady,
      { exportId: id, objectName: stored.name, sha256: stored.sha256, bytes: stored.bytes, sections: {} },
      person.id,
    );
    await eventually(
      async () => seen.length,
      (n) => n >= 2,
    );
    expect(seen[1]).toMatchObject({ status: "REQUESTED", subgraphsReady: ["ai"] });
    await Promise.all([socket.client.dispose(), intruder.client.dispose()]);
  });
});

describe("a download link", () => {
  it("gives the owner the archive through the router, streamed as a tar.gz attachment", async () => {
    const response = await download(await linkOf(owner), owner.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="health-data-export-${exportId}.tar.gz"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    const row = await platform.authDb.dataExport.findUniqueOrThrow({ where: { id: exportId } });
    expect(sha256(bytes)).toBe(row.archiveSha256);
    expect(untarGz(bytes).map((f) => f.name)).toEqual([
      "manifest.json",
      ...DATA_HOLDERS.map((s) => `${s}.json`),
    ]);
  });

  it("is bound to its owner: no token 401, another person's or an admin's token 403", async () => {
    const link = await linkOf(owner);
    expect((await download(link)).status).toBe(401);
    expect((await download(link, stranger.token)).status).toBe(403);
    expect((await download(link, admin.token)).status).toBe(403);
    // An admin reading the export gets no link at all.
    const byAdmin = await request<{ dataExport: { download: unknown } }>(READ, { id: exportId }, admin.token);
    expect(byAdmin.data?.dataExport.download).toBeNull();
  });

  it("refuses a tampered link (403) and an expired one (410, saying how to get a fresh one)", async () => {
    const url = new URL(await linkOf(owner));
    const token = url.searchParams.get("token")!;
    url.searchParams.set("token", `${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`);
    expect((await download(url.href, owner.token)).status).toBe(403);

    const old = await mintDownloadLink(
      platform.authDeps,
      { userId: owner.id, exportId },
      new Date(Date.now() - 3600_000),
    );
    const expired = await download(old.url, owner.token);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
  });

  it("is answered 503 with a clear message when auth cannot be reached", async () => {
    const detached = await platform.startRouter({ urlOverrides: { AUTH: "http://127.0.0.1:9/graphql" } });
    const response = await download(await linkOf(owner), owner.token, detached);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /unavailable right now/,
    );
  });
});
