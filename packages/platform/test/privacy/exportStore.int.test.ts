import { randomBytes, randomUUID } from "node:crypto";
import type { NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_NATS } from "../../src/config/serviceConfig.ts";
import { connectNats } from "../../src/nats/connectNats.ts";
import { ExportStore, exportBucketName, exportPartName, sha256Hex } from "../../src/privacy/exportStore.ts";
import { deleteEventStreams } from "../../src/testing/eventStreams.ts";

const bus = { prefix: `t_${randomBytes(4).toString("hex")}` };
let nats: NatsConnection;

beforeAll(async () => {
  nats = await connectNats(process.env.NATS_URL ?? LOCAL_NATS, "export-store-test");
});
afterAll(async () => {
  await nats.close();
  await deleteEventStreams(bus);
});

describe("ExportStore", () => {
  it("is a bucket of the test's own prefix", () => {
    expect(exportBucketName(bus)).toBe(`${bus.prefix}_DATA_EXPORTS`);
    expect(exportBucketName()).toBe("DATA_EXPORTS");
  });

  it("stores a part larger than one NATS message, gives it back whole with its checksum, and deletes it", async () => {
    const store = await ExportStore.open(nats, bus);
    const name = exportPartName(randomUUID(), "user");
    const bytes = randomBytes(3 * 1024 * 1024);
    const stored = await store.put(name, bytes);
    expect(stored).toEqual({ name, sha256: sha256Hex(bytes), bytes: bytes.length });
    expect(sha256Hex((await store.get(name))!)).toBe(stored.sha256);

    const replaced = new TextEncoder().encode("{}");
    await store.put(name, replaced);
    expect(new TextDecoder().decode((await store.get(name))!)).toBe("{}");

    await store.delete([name, exportPartName(randomUUID(), "none")]);
    expect(await store.get(name)).toBeNull();
  });
});
