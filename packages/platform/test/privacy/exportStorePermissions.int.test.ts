import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DATA_HOLDERS } from "@health/events/privacy";
import type { NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { durableConsumerConfig } from "../../src/events/consumerConfig.ts";
import { ensureEventStreams } from "../../src/events/streams.ts";
import { connectNats } from "../../src/nats/connectNats.ts";
import { ExportStore, exportPartName, sha256Hex } from "../../src/privacy/exportStore.ts";
import { privacyConsumerName } from "../../src/privacy/privacyConsumer.ts";
import {
  NATS_SERVER,
  type PrivateNatsServer,
  startPrivateNatsServer,
} from "../../src/testing/privateNatsServer.ts";

// deploy/nats/nats-server.conf's data-subject rights block, on a nats-server of the test's own: every
// subgraph writes its part to the export store and opens its <name>-privacy consumer; auth reads the
// parts back, stores the archive and deletes them.
const CONFIG_FILE = join(import.meta.dirname, "..", "..", "..", "..", "deploy", "nats", "nats-server.conf");
const USERS = ["admin", ...DATA_HOLDERS] as const;
const passwords = Object.fromEntries(USERS.map((user) => [user, `p${randomBytes(12).toString("hex")}`]));
const hasNatsServer = existsSync(NATS_SERVER);
let server: PrivateNatsServer;
const connections: NatsConnection[] = [];

const connectAs = async (user: (typeof USERS)[number]) => {
  const nats = await connectNats(server.url, user, { NATS_USER: user, NATS_PASSWORD: passwords[user]! });
  connections.push(nats);
  return nats;
};

const erasureConsumer = (nats: NatsConnection, consumer: string) =>
  durableConsumerConfig({
    consumer,
    subjects: ["auth.account_erasure_started.v1"],
    ackWaitMs: 30_000,
    serverVersion: nats.info?.version ?? "2.9.0",
  });

describe.runIf(hasNatsServer)("the export store under deploy/nats/nats-server.conf", () => {
  beforeAll(async () => {
    server = await startPrivateNatsServer({
      configFile: CONFIG_FILE,
      env: {
        ...Object.fromEntries(USERS.map((user) => [`NATS_PASSWORD_${user.toUpperCase()}`, passwords[user]!])),
        NATS_PASSWORD_MEDIA: `p${randomBytes(12).toString("hex")}`,
      },
    });
    await ensureEventStreams(await connectAs("admin"));
  });
  afterAll(async () => {
    for (const nats of connections) await nats.close().catch(() => undefined);
    await server?.close();
  });

  it("lets every subgraph write its part and open its privacy consumer, and auth read, store and delete", async () => {
    const exportId = randomUUID();
    const written = new Map<string, string>();
    for (const subgraph of DATA_HOLDERS) {
      const nats = await connectAs(subgraph);
      const store = await ExportStore.open(nats);
      const part = await store.put(exportPartName(exportId, subgraph), randomBytes(200_000));
      written.set(part.name, part.sha256);
      const jsm = await nats.jetstreamManager();
      const name = privacyConsumerName({ subgraph });
      await jsm.consumers.add("EVENTS", erasureConsumer(nats, name));
    }
    const auth = await ExportStore.open(await connectAs("auth"));
    for (const [name, sha256] of written) {
      const bytes = await auth.get(name);
      expect(bytes && sha256Hex(bytes)).toBe(sha256);
    }
    await auth.put(`${exportId}/archive.tar.gz`, randomBytes(1000));
    await auth.delete([...written.keys()]);
    for (const name of written.keys()) expect(await auth.get(name)).toBeNull();
  });

  it("refuses a subgraph opening another subgraph's privacy consumer", async () => {
    const nats = await connectAs("trade");
    const jsm = await nats.jetstreamManager();
    await expect(jsm.consumers.add("EVENTS", erasureConsumer(nats, "user-privacy"))).rejects.toThrow(
      /permission|timeout/i,
    );
  });
});
