import { createHash } from "node:crypto";
import { DATA_HOLDERS, type DataHolder } from "@health/events/privacy";
import type { SqlExecutor } from "@health/platform/events";
import { ExportStore, findTraces, untarGz } from "@health/platform/privacy";
import { eventually } from "@health/platform/testing";
import { Redis } from "ioredis";
import { connect } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../subgraphs/ops/src/domain/audit/verify.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import type { SeededPerson } from "./support/seed/seededPerson.ts";
import { seedPersonEverywhere } from "./support/seedPerson.ts";
import { connectSocket } from "./support/socketClient.ts";
import { startFullPlatform } from "./support/startFullPlatform.ts";
import type { StartedPlatform } from "./support/startPlatform.ts";
import { type SubgraphProcess, startSubgraphProcess } from "./support/subgraphProcess.ts";

// Issue 13's proof, through the router as a client app: one person with data in all ten subgraphs asks
// for their export (the archive holds every item seeded, checked item by item against its subgraph's
// part), then for their erasure. Once every subgraph acknowledged, every database is read directly:
// nothing identifying remains (the kept rows carry the tombstone id), their tokens are dead, their id
// resolves to nothing, search, feeds, chat and caches show nothing of them, and the audit chain verifies.
// finance's consumers run in a process of their own, killed while the erasure goes out: finance finishes
// when it comes back, and the erasure waits for it.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let person: SeededPerson;
let financeWorker: SubgraphProcess;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

interface Manifest {
  exportId: string;
  userId: string;
  parts: Array<{
    subgraph: string;
    file: string;
    sha256: string;
    bytes: number;
    sections: Record<string, number>;
  }>;
}

beforeAll(async () => {
  platform = await startFullPlatform({
    // A cooling-off of two seconds, looked for every second (7 days and a minute in production).
    authEnv: { ACCOUNT_ERASURE_COOLING_OFF_SECONDS: "2", ACCOUNT_ERASURE_SWEEP_SECONDS: "1" },
    consumersElsewhere: ["finance"],
  });
  financeWorker = await startSubgraphProcess("finance", {
    DATABASE_URL: platform.databaseUrls.finance!,
    ...platform.joinEnv,
  });
  request = graphqlClient(platform.url);
  person = await seedPersonEverywhere(platform);
}, 240_000);
afterAll(async () => {
  await financeWorker?.stop();
  await platform?.close();
});

/** Each subgraph's database, read directly (what an auditor would open). */
function databases(): Record<DataHolder, SqlExecutor> {
  const { authDb, userDb, dynamicDb, tradeDb, financeDb, ecDeps, contentDeps, bizDeps, opsDeps, aiDeps } =
    platform;
  return {
    auth: authDb,
    user: userDb,
    dynamic: dynamicDb,
    trade: tradeDb,
    finance: financeDb!,
    ec: ecDeps!.db,
    content: contentDeps!.db,
    biz: bizDeps!.db,
    ops: opsDeps!.db,
    ai: aiDeps!.db,
  };
}

/** Every Redis key of this run, and every value under it, that names the person or holds their words. */
async function redisTraces(needles: readonly string[]): Promise<string[]> {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true });
  await redis.connect();
  try {
    const found: string[] = [];
    const holds = (value: string) => needles.some((needle) => value.includes(needle));
    const stream = redis.scanStream({ match: `${platform.joinEnv.TEST_REDIS_KEY_PREFIX}*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      for (const key of keys) {
        const type = await redis.type(key);
        const values =
          type === "string"
            ? [(await redis.get(key)) ?? ""]
            : type === "hash"
              ? Object.entries(await redis.hgetall(key)).flat()
              : type === "list"
                ? await redis.lrange(key, 0, -1)
                : type === "set"
                  ? await redis.smembers(key)
                  : type === "zset"
                    ? await redis.zrange(key, 0, -1)
                    : [];
        if (holds(key) || values.some(holds)) found.push(`${type} ${key}`);
      }
    }
    return found;
  } finally {
    redis.disconnect();
  }
}

describe("a person's data-subject rights across all ten subgraphs", () => {
  let exportId: string;
  let archiveName: string;

  it("exports everything the platform holds about them into one archive: every item seeded is in its subgraph's part", async () => {
    const requested = await request<{ requestDataExport: { id: string; status: string } }>(
      "mutation { requestDataExport { id status } }",
      {},
      person.token,
    );
    expect(requested.errors).toBeUndefined();
    exportId = requested.data!.requestDataExport.id;

    // Progress through the router's WebSocket, as an app shows it: the state now, then each change.
    const socket = connectSocket(platform.url, person.token);
    const states: Array<{ status: string; subgraphsReady: string[] }> = [];
    const ready = new Promise<void>((resolve, reject) => {
      socket.client.subscribe(
        { query: `subscription { dataExportUpdated(id: "${exportId}") { status subgraphsReady } }` },
        {
          next: (value) => {
            const state = (value.data as { dataExportUpdated: (typeof states)[number] }).dataExportUpdated;
            states.push(state);
            if (state.status === "READY") resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await Promise.race([
      ready,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`not READY: ${JSON.stringify(states)}`)), 90_000),
      ),
    ]);
    await socket.client.dispose();
    expect(states.at(-1)?.subgraphsReady.sort()).toEqual([...DATA_HOLDERS].sort());

    const read = await request<{ dataExport: { download: { url: string } } }>(
      "query($id: ID!) { dataExport(id: $id) { download { url expiresAt } } }",
      { id: exportId },
      person.token,
    );
    const link = new URL(read.data!.dataExport.download.url);
    const response = await fetch(new URL(`${link.pathname}${link.search}`, platform.url), {
      headers: { authorization: `Bearer ${person.token}` },
    });
    expect(response.status).toBe(200);
    const files = untarGz(new Uint8Array(await response.arrayBuffer()));
    const manifest = JSON.parse(text(files[0]!.bytes)) as Manifest;
    expect(files[0]!.name).toBe("manifest.json");
    expect(manifest).toMatchObject({ exportId, userId: person.id });
    expect(manifest.parts.map((part) => part.subgraph).sort()).toEqual([...DATA_HOLDERS].sort());

    for (const part of manifest.parts) {
      const file = files.find((candidate) => candidate.name === part.file);
      expect(file, part.file).toBeDefined();
      expect(sha256(file!.bytes), `${part.file}'s checksum`).toBe(part.sha256);
      const content = text(file!.bytes);
      expect(JSON.parse(content)).toMatchObject({ subgraph: part.subgraph, userId: person.id });
      // Item by item: every id the seed made in this subgraph is in its part.
      for (const [kind, ids] of Object.entries(person.items[part.subgraph as DataHolder])) {
        for (const id of ids) expect(content.includes(id), `${part.subgraph} ${kind} ${id}`).toBe(true);
      }
    }
    archiveName = `${exportId}/archive.tar.gz`;
  }, 120_000);

  it("erases them after the cooling-off period: every subgraph acknowledges with counts, and nothing of them is left", async () => {
    const { others } = person;
    await financeWorker.kill();
    const asked = await request<{ requestAccountErasure: { id: string; status: string } }>(
      "mutation($p: String!) { requestAccountErasure(password: $p) { id status } }",
      { p: person.password },
      person.token,
    );
    expect(asked.data?.requestAccountErasure.status).toBe("PENDING");
    const erasureId = asked.data!.requestAccountErasure.id;

    const STATUS = `query($id: ID!) { accountErasureStatus(id: $id) {
      status completedAt subgraphs { subgraph finished tables { table action rows } } } }`;
    type Status = {
      accountErasureStatus: {
        status: string;
        subgraphs: Array<{ subgraph: string; finished: boolean; tables: Array<{ rows: number }> }>;
      };
    };
    // Nine subgraphs finish; finance's consumer is down, so the erasure waits for it.
    const waiting = await eventually(
      () => request<Status>(STATUS, { id: erasureId }, others.admin.token),
      (result) =>
        result.data?.accountErasureStatus.subgraphs.filter((progress) => progress.finished).length === 9,
      120_000,
    );
    const pending = waiting.data?.accountErasureStatus;
    expect(pending?.status, JSON.stringify(waiting)).toBe("IN_PROGRESS");
    expect(pending?.subgraphs.filter((progress) => !progress.finished).map((p) => p.subgraph)).toEqual([
      "finance",
    ]);
    await financeWorker.restart();
    const done = await eventually(
      () => request<Status>(STATUS, { id: erasureId }, others.admin.token),
      (result) => result.data?.accountErasureStatus.status === "COMPLETED",
      120_000,
    );
    const erasure = done.data?.accountErasureStatus;
    expect(erasure?.status, JSON.stringify(done)).toBe("COMPLETED");
    expect(erasure!.subgraphs.map((s) => s.subgraph).sort()).toEqual([...DATA_HOLDERS].sort());
    for (const progress of erasure!.subgraphs) {
      expect(progress.finished, progress.subgraph).toBe(true);
      const rows = progress.tables.reduce((total, table) => total + table.rows, 0);
      expect(rows, `${progress.subgraph} erased something`).toBeGreaterThan(0);
    }

    // Their tokens are dead, and so is their password.
    const me = await request("{ me { id } }", {}, person.token);
    expect(me.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const login = await request(
      "mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { user { id } } }",
      { e: person.email, p: person.password },
    );
    expect(login.errors).toBeDefined();
    expect(login.data ?? null).toBeNull();

    // Their id resolves to nothing through federation.
    const user = await request<{ user: unknown }>(
      "query($id: ID!) { user(id: $id) { id displayName } }",
      { id: person.id },
      others.admin.token,
    );
    expect(user.data?.user ?? null).toBeNull();

    // Search, feeds and chat show nothing of them.
    const seen = await request(
      `query($q: String!, $stream: ID!) {
        search(query: $q) { nodes { score } }
        chatMessages(streamId: $stream) { id text }
      }`,
      { q: person.texts.phrase, stream: person.places.liveRoomId },
      others.coach.token,
    );
    expect(seen.errors).toBeUndefined();
    expect((seen.data as { search: { nodes: unknown[] } }).search.nodes).toEqual([]);
    expect(JSON.stringify(seen.data)).not.toContain(person.texts.phrase);
    const feed = await request("{ feed(first: 100) { nodes { id } } }", {}, others.follower.token);
    const activities = (feed.data as { feed: { nodes: Array<{ id: string }> } }).feed.nodes.map((n) => n.id);
    for (const activity of person.items.dynamic.activities ?? []) expect(activities).not.toContain(activity);

    // Every database, read directly: nothing names them or holds their words.
    const needles = [person.id, person.email, person.texts.phrase];
    for (const [subgraph, db] of Object.entries(databases())) {
      expect(await findTraces(db, needles), subgraph).toEqual([]);
    }
    // Nor any cache.
    expect(await redisTraces(needles)).toEqual([]);
    // The audit log kept its rows (under pseudonyms now linked to no one), and its chain still verifies.
    const chain = await verifyAuditChain(platform.opsDeps!.db);
    expect(chain.problems).toEqual([]);
    expect(chain.ok).toBe(true);
    // The export they downloaded went with them.
    const nats = await connect({ servers: process.env.NATS_URL ?? "nats://127.0.0.1:4222" });
    try {
      const store = await ExportStore.open(nats, { prefix: platform.joinEnv.TEST_EVENT_PREFIX });
      expect(await store.get(archiveName)).toBeNull();
    } finally {
      await nats.close();
    }
  }, 180_000);
});
