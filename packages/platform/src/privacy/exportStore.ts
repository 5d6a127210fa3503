import { createHash } from "node:crypto";
import { type NatsConnection, nanos, type ObjectStore, StorageType } from "nats";
import { type EventBusOptions, eventsStreamName } from "../events/subjects.ts";

const DAY_MS = 86_400_000;

export interface ExportStoreOptions extends EventBusOptions {
  /**
   * The bucket's own expiry (default 7 days): a backstop under auth's retention, which deletes an export's
   * objects when it expires. Set once, when the bucket is created.
   */
  ttlMs?: number;
}

/** One stored object: its name and the checksum of its bytes. */
export interface StoredObject {
  name: string;
  sha256: string;
  bytes: number;
}

/** `DATA_EXPORTS`, or `<prefix>_DATA_EXPORTS` under a test prefix (its stream is `OBJ_<bucket>`). */
export const exportBucketName = (options: EventBusOptions = {}): string =>
  eventsStreamName(options).replace(/EVENTS$/, "DATA_EXPORTS");

/** Where a subgraph's part of an export lives. */
export const exportPartName = (exportId: string, subgraph: string): string => `${exportId}/${subgraph}.json`;

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * The JetStream object store that holds data exports while they are being assembled and until they
 * expire: each subgraph's part (JSON), then auth's archive. Health data travels through it and never
 * through the EVENTS stream.
 */
export class ExportStore {
  private constructor(private readonly store: ObjectStore) {}

  /** Opens the bucket, creating it on first use. */
  static async open(nats: NatsConnection, options: ExportStoreOptions = {}): Promise<ExportStore> {
    const js = nats.jetstream();
    const store = await js.views.os(exportBucketName(options), {
      storage: StorageType.File,
      replicas: options.replicas ?? 1,
      ttl: nanos(options.ttlMs ?? 7 * DAY_MS),
      description:
        "Data-subject exports: subgraphs' parts and assembled archives (auth deletes them on expiry).",
    });
    return new ExportStore(store);
  }

  /** Writes `bytes` under `name` (replacing what was there: a redelivered part is written again, whole). */
  async put(name: string, bytes: Uint8Array): Promise<StoredObject> {
    await this.store.putBlob({ name }, bytes);
    return { name, sha256: sha256Hex(bytes), bytes: bytes.byteLength };
  }

  /** The bytes stored under `name`, or null when there are none (never written, deleted or expired). */
  get(name: string): Promise<Uint8Array | null> {
    return this.store.getBlob(name);
  }

  /** Deletes the objects named; one already gone is not an error. */
  async delete(names: readonly string[]): Promise<void> {
    for (const name of names) {
      const info = await this.store.info(name);
      if (info && !info.deleted) await this.store.delete(name);
    }
  }
}
