import { createHash } from "node:crypto";
import { DATA_HOLDERS } from "@health/events/privacy";
import { exportPartName, untarGz } from "@health/platform/privacy";
import { eventually } from "@health/platform/testing";
import { type ExecutionResult, parse, subscribe } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveObjectName } from "../src/privacy/export/assembly.ts";
import { mintDownloadLink } from "../src/privacy/export/downloadLink.ts";
import type { ExportManifest } from "../src/privacy/export/manifest.ts";
import { expireDataExports } from "../src/privacy/export/retention.ts";
import {
  announcePart,
  answer,
  handled,
  makeAdmin,
  type Person,
  partBytes,
  signUp,
  writePart,
} from "./dataExportSupport.ts";
import { type AuthHarness, startAuthSubgraph } from "./harness.ts";

const FIELDS =
  "id status requestedAt readyAt expiresAt subgraphsReady subgraphsPending download { url expiresAt }";
const REQUEST = `mutation($userId: ID) { requestDataExport(userId: $userId) { ${FIELDS} } }`;
const READ = `query($id: ID!) { dataExport(id: $id) { ${FIELDS} } }`;
const MINE = `{ myDataExports { ${FIELDS} } }`;
const UPDATED = `subscription($id: ID!) { dataExportUpdated(id: $id) { id status subgraphsReady subgraphsPending } }`;

interface Exported {
  id: string;
  status: "REQUESTED" | "READY" | "EXPIRED";
  readyAt: string | null;
  expiresAt: string | null;
  subgraphsReady: string[];
  subgraphsPending: string[];
  download: { url: string; expiresAt: string } | null;
}
type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let auth: AuthHarness;
let admin: Person;

async function request(who: Person, userId?: string) {
  return auth.request<{ requestDataExport: Exported }>(REQUEST, { userId }, who.token);
}

async function requested(who: Person, userId?: string): Promise<Exported> {
  const result = await request(who, userId);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.requestDataExport;
}

async function read(who: Person, id: string) {
  return auth.request<{ dataExport: Exported }>(READ, { id }, who.token);
}

const rowOf = (id: string) =>
  auth.deps.db.dataExport.findUniqueOrThrow({ where: { id }, include: { parts: true } });

/** Waits until the export's row satisfies `done`. */
const rowWhen = async (id: string, done: (row: Awaited<ReturnType<typeof rowOf>>) => boolean) => {
  const row = await eventually(() => rowOf(id), done, 20_000);
  if (!done(row)) throw new Error(`export ${id} never got there: ${JSON.stringify(row)}`);
  return row;
};

/** A READY export of `owner`'s: requested, every subgraph answered, assembled. */
async function readyExport(owner: Person, by: Person = owner): Promise<Exported> {
  const exported = await requested(by, by === owner ? undefined : owner.id);
  for (const subgraph of DATA_HOLDERS) await answer(auth, subgraph, exported.id, owner.id);
  await rowWhen(exported.id, (row) => row.status === "READY");
  return exported;
}

/** GETs a link's path and query from auth itself (router-signed, as the router forwards it). */
function download(link: string, token?: string) {
  const target = new URL(link);
  const url = new URL(`${target.pathname}${target.search}`, auth.url);
  return auth.routerKeys.signedFetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function linkOf(owner: Person, id: string): Promise<string> {
  const result = await read(owner, id);
  const url = result.data?.dataExport.download?.url;
  if (!url) throw new Error(`no download link: ${JSON.stringify(result)}`);
  return url;
}

beforeAll(async () => {
  auth = await startAuthSubgraph({ DATA_EXPORT_MAX_PER_DAY: "3" });
  admin = await makeAdmin(auth);
});
afterAll(() => auth?.close());

describe("requesting an export", () => {
  it("starts one for the caller, publishes data_export_requested, and returns the one in progress when asked again", async () => {
    const owner = await signUp(auth);
    const first = await requested(owner);
    expect(first).toMatchObject({
      status: "REQUESTED",
      subgraphsReady: [],
      subgraphsPending: [...DATA_HOLDERS],
      download: null,
    });
    const again = await Promise.all([requested(owner), requested(owner, owner.id)]);
    expect(again.map((e) => e.id)).toEqual([first.id, first.id]);
    const outbox = await auth.deps.db.outboxEvent.findMany({
      where: { subject: "auth.data_export_requested.v1", aggregateId: first.id },
    });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.envelope).toMatchObject({ payload: { exportId: first.id, userId: owner.id } });
    const mine = await auth.request<{ myDataExports: Exported[] }>(MINE, {}, owner.token);
    expect(mine.data?.myDataExports.map((e) => e.id)).toEqual([first.id]);
  });

  it("lets an admin request for someone (audited), and no one else", async () => {
    const owner = await signUp(auth);
    const stranger = await signUp(auth);
    const refused = await request(stranger, owner.id);
    expect(codeOf(refused.errors)).toBe("FORBIDDEN");
    expect(await auth.deps.db.dataExport.count({ where: { userId: owner.id } })).toBe(0);

    const byAdmin = await requested(admin, owner.id);
    expect(byAdmin.status).toBe("REQUESTED");
    const row = await rowOf(byAdmin.id);
    expect(row).toMatchObject({ userId: owner.id, requestedBy: admin.id });
    const audit = await auth.deps.db.outboxEvent.findMany({
      where: { subject: "auth.admin_action_recorded.v1", aggregateId: owner.id },
    });
    expect(audit.map((r) => r.envelope)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        payload: expect.objectContaining({
          action: "request_data_export",
          details: { exportId: byAdmin.id },
        }),
      }),
    ]);
    expect(codeOf((await read(stranger, byAdmin.id)).errors)).toBe("NOT_FOUND");
    expect((await read(owner, byAdmin.id)).data?.dataExport.id).toBe(byAdmin.id);
  });

  it("answers an unknown person with NOT_FOUND", async () => {
    const result = await request(admin, "00000000-0000-4000-8000-000000000000");
    expect(codeOf(result.errors)).toBe("NOT_FOUND");
  });

  it("limits new exports per person per day (RATE_LIMITED), not repeats of the one in progress", async () => {
    const owner = await signUp(auth);
    for (let i = 0; i < 3; i += 1) {
      const exported = await requested(owner);
      await requested(owner);
      await auth.deps.db.dataExport.update({
        where: { id: exported.id },
        data: {
          status: "EXPIRED",
          readyAt: new Date(),
          expiresAt: new Date(),
          archiveObject: "x",
          archiveSha256: "x",
          archiveBytes: 0,
        },
      });
    }
    const refused = await request(owner);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(refused.errors?.[0]?.message).toMatch(/At most 3 data exports a day/);
  });
});

describe("assembling the archive", () => {
  it("waits for every subgraph's part, then assembles a tar.gz of the manifest and ten parts whose checksums match", async () => {
    const owner = await signUp(auth);
    const exported = await requested(owner);
    const [last, ...others] = [...DATA_HOLDERS].reverse();
    for (const subgraph of others) await answer(auth, subgraph, exported.id, owner.id);
    await rowWhen(exported.id, (row) => row.parts.length === others.length);
    const waiting = (await read(owner, exported.id)).data?.dataExport;
    expect(waiting).toMatchObject({ status: "REQUESTED", subgraphsPending: [last], download: null });
    expect(waiting?.subgraphsReady).toHaveLength(9);

    await answer(auth, last!, exported.id, owner.id);
    const row = await rowWhen(exported.id, (r) => r.status === "READY");
    expect(row.archiveObject).toBe(archiveObjectName(exported.id));
    const archive = await auth.deps.exports.get(archiveObjectName(exported.id));
    expect(archive && sha256(archive)).toBe(row.archiveSha256);
    const files = untarGz(archive!);
    expect(files.map((f) => f.name)).toEqual(["manifest.json", ...DATA_HOLDERS.map((s) => `${s}.json`)]);
    const manifest = JSON.parse(new TextDecoder().decode(files[0]!.bytes)) as ExportManifest;
    expect(manifest).toMatchObject({
      format: "health-platform/export/1",
      exportId: exported.id,
      userId: owner.id,
    });
    expect(manifest.parts.map((p) => p.subgraph)).toEqual([...DATA_HOLDERS]);
    for (const part of manifest.parts) {
      const file = files.find((f) => f.name === part.file)!;
      expect(sha256(file.bytes)).toBe(part.sha256);
      expect(file.bytes.byteLength).toBe(part.bytes);
      // auth's part is its own (its privacy consumer runs here); the others are the test's stand-ins.
      if (part.subgraph !== "auth") expect(part.sections).toEqual({ items: 1 });
      expect(JSON.parse(new TextDecoder().decode(file.bytes))).toMatchObject({ subgraph: part.subgraph });
    }
    // The parts are gone from the store once the archive holds them.
    await eventually(
      () => auth.deps.exports.get(exportPartName(exported.id, "user")),
      (bytes) => bytes === null,
    );
    expect(await auth.deps.exports.get(exportPartName(exported.id, "user"))).toBeNull();

    const ready = (await read(owner, exported.id)).data?.dataExport;
    expect(ready).toMatchObject({ status: "READY", subgraphsPending: [], subgraphsReady: [...DATA_HOLDERS] });
    expect(ready?.download?.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:4000/data-exports/${exported.id}/archive\\?token=`),
    );
    expect(new Date(ready!.expiresAt!).getTime() - new Date(ready!.readyAt!).getTime()).toBe(604_800_000);
  });

  it("assembles once when every part arrives at once", async () => {
    const owner = await signUp(auth);
    const exported = await requested(owner);
    await Promise.all(DATA_HOLDERS.map((subgraph) => answer(auth, subgraph, exported.id, owner.id)));
    const row = await rowWhen(exported.id, (r) => r.status === "READY");
    // 1 at creation, one per part recorded, one for READY: nothing ran twice.
    expect(row.version).toBe(1 + DATA_HOLDERS.length + 1);
    const archive = await auth.deps.exports.get(archiveObjectName(exported.id));
    expect(untarGz(archive!)).toHaveLength(1 + DATA_HOLDERS.length);
  });

  it("changes nothing on a duplicate part event, before or after assembly", async () => {
    const owner = await signUp(auth);
    const exported = await requested(owner);
    // auth's own privacy consumer answers for auth whenever it gets to it: wait for that part too, so the
    // only change left to happen is the duplicate's.
    await rowWhen(exported.id, (row) => row.parts.some((part) => part.subgraph === "auth"));
    const stored = await writePart(auth, "user", exported.id, owner.id);
    await handled(auth, await announcePart(auth, "user", exported.id, stored));
    const once = await rowOf(exported.id);
    // A new event id, so the inbox does not catch it: the part's row does.
    await handled(auth, await announcePart(auth, "user", exported.id, stored));
    expect(await rowOf(exported.id)).toEqual(once);

    for (const subgraph of DATA_HOLDERS.filter((s) => s !== "user"))
      await answer(auth, subgraph, exported.id, owner.id);
    const ready = await rowWhen(exported.id, (row) => row.status === "READY");
    await handled(auth, await answer(auth, "user", exported.id, owner.id));
    expect(await rowOf(exported.id)).toEqual(ready);
  });

  it("does not assemble while a part does not match its announced checksum, and does once it is announced right", async () => {
    const owner = await signUp(auth);
    const exported = await requested(owner);
    for (const subgraph of DATA_HOLDERS.filter((s) => s !== "finance"))
      await answer(auth, subgraph, exported.id, owner.id);
    const stored = await writePart(auth, "finance", exported.id, owner.id);
    await announcePart(auth, "finance", exported.id, stored, sha256(partBytes("ai", exported.id, owner.id)));
    const row = await rowWhen(exported.id, (r) => r.parts.length === DATA_HOLDERS.length);
    expect(row.status).toBe("REQUESTED");
    expect(row.archiveObject).toBeNull();
    expect(await auth.deps.exports.get(archiveObjectName(exported.id))).toBeNull();

    await announcePart(auth, "finance", exported.id, stored);
    await rowWhen(exported.id, (r) => r.status === "READY");
  });
});

type Stream = AsyncGenerator<ExecutionResult>;

async function open(who: Person, id: string): Promise<Stream | ExecutionResult> {
  return (await subscribe({
    schema: auth.server.schema,
    document: parse(UPDATED),
    variableValues: { id },
    contextValue: auth.contextFor(who),
  })) as Stream | ExecutionResult;
}

async function nextState(stream: Stream): Promise<Exported> {
  const result = await stream.next();
  const value = result.value as ExecutionResult;
  if (value.errors) throw new Error(JSON.stringify(value.errors));
  return value.data?.dataExportUpdated as Exported;
}

describe("dataExportUpdated", () => {
  it("gives the current state, then every part received and READY; someone else's is NOT_FOUND", async () => {
    const owner = await signUp(auth);
    const stranger = await signUp(auth);
    const exported = await requested(owner);
    await answer(auth, "auth", exported.id, owner.id);
    await rowWhen(exported.id, (row) => row.parts.length === 1);

    const refused = (await open(stranger, exported.id)) as ExecutionResult;
    expect(codeOf(refused.errors as Errors)).toBe("NOT_FOUND");

    const stream = (await open(owner, exported.id)) as Stream;
    expect(await nextState(stream)).toMatchObject({ status: "REQUESTED", subgraphsReady: ["auth"] });
    await answer(auth, "user", exported.id, owner.id);
    expect(await nextState(stream)).toMatchObject({ status: "REQUESTED", subgraphsReady: ["auth", "user"] });
    for (const subgraph of DATA_HOLDERS.slice(2)) await answer(auth, subgraph, exported.id, owner.id);
    let state = await nextState(stream);
    while (state.status !== "READY") state = await nextState(stream);
    expect(state.subgraphsPending).toEqual([]);

    const byAdmin = (await open(admin, exported.id)) as Stream;
    expect(await nextState(byAdmin)).toMatchObject({ id: exported.id, status: "READY" });
    await Promise.all([stream.return(undefined), byAdmin.return(undefined)]);
  });
});

describe("downloading", () => {
  let owner: Person;
  let exported: Exported;
  let link: string;

  beforeAll(async () => {
    owner = await signUp(auth);
    exported = await readyExport(owner);
    link = await linkOf(owner, exported.id);
  });

  it("sends the archive to its owner, with their own access token", async () => {
    const response = await download(link, owner.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="health-data-export-${exported.id}.tar.gz"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(sha256(bytes)).toBe((await rowOf(exported.id)).archiveSha256);
    // Every read mints a fresh link.
    expect(await linkOf(owner, exported.id)).not.toBe(link);
  });

  it("refuses the link without the owner's own access token", async () => {
    const stranger = await signUp(auth);
    expect((await download(link)).status).toBe(401);
    expect((await download(link, stranger.token)).status).toBe(403);
    expect((await download(link, admin.token)).status).toBe(403);
    const body = (await (await download(link, admin.token)).json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/only its owner/);
  });

  it("gives an admin who requested someone's export no link, and the owner one", async () => {
    const person = await signUp(auth);
    const byAdmin = await readyExport(person, admin);
    expect((await read(admin, byAdmin.id)).data?.dataExport).toMatchObject({
      status: "READY",
      download: null,
    });
    expect((await read(person, byAdmin.id)).data?.dataExport.download?.url).toBeTruthy();
  });

  it("refuses a tampered link, a link for another export, a link used as an access token and the reverse", async () => {
    const url = new URL(link);
    const token = url.searchParams.get("token")!;
    const [header, payload, signature] = token.split(".");
    const forged = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    const stranger = await signUp(auth);
    forged.sub = stranger.id;
    url.searchParams.set(
      "token",
      `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`,
    );
    expect((await download(url.href, stranger.token)).status).toBe(403);

    const other = await readyExport(owner);
    const otherLink = new URL(await linkOf(owner, other.id));
    const swapped = new URL(link);
    swapped.searchParams.set("token", otherLink.searchParams.get("token")!);
    expect((await download(swapped.href, owner.token)).status).toBe(403);

    const accessAsLink = new URL(link);
    accessAsLink.searchParams.set("token", owner.token);
    expect((await download(accessAsLink.href, owner.token)).status).toBe(403);
    expect((await download(link, token)).status).toBe(401);
    const asAccess = await auth.request(MINE, {}, token);
    expect(codeOf(asAccess.errors as Errors)).toBe("UNAUTHENTICATED");
  });

  it("refuses an archive that is not the one auth assembled (any subgraph may write to the export store)", async () => {
    const person = await signUp(auth);
    const replaced = await readyExport(person);
    const row = await rowOf(replaced.id);
    await auth.deps.exports.put(row.archiveObject!, new TextEncoder().encode("not the archive"));
    const response = await download(await linkOf(person, replaced.id), person.token);
    expect(response.status).toBe(410);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("EXPORT_DAMAGED");
  });

  it("answers an expired link with 410 and a message saying how to get a new one", async () => {
    const old = await mintDownloadLink(
      auth.deps,
      { userId: owner.id, exportId: exported.id },
      new Date(Date.now() - 3600_000),
    );
    const response = await download(old.url, owner.token);
    expect(response.status).toBe(410);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /expired.*fresh/,
    );
  });

  it("expires READY exports past their retention: EXPIRED, archive deleted, no link, download 410", async () => {
    const person = await signUp(auth);
    const done = await readyExport(person);
    const personLink = await linkOf(person, done.id);
    await auth.deps.db.dataExport.update({
      where: { id: done.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    // Past its expiry, before the sweeper has been by: no link, and the one minted before is refused.
    expect((await read(person, done.id)).data?.dataExport.download).toBeNull();
    expect((await download(personLink, person.token)).status).toBe(410);
    expect(await expireDataExports(auth.deps)).toBeGreaterThanOrEqual(1);
    expect((await rowOf(done.id)).status).toBe("EXPIRED");
    expect(await auth.deps.exports.get(archiveObjectName(done.id))).toBeNull();
    expect((await read(person, done.id)).data?.dataExport).toMatchObject({
      status: "EXPIRED",
      download: null,
    });
    expect((await download(personLink, person.token)).status).toBe(410);
    expect(await expireDataExports(auth.deps)).toBe(0);
    // The owner's other export is still there.
    expect((await rowOf(exported.id)).status).toBe("READY");
  });
});
