import {
  DiscardPolicy,
  type JetStreamManager,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from "nats";
import { isPermissionViolation, isStreamNotFound } from "./natsErrors.ts";
import {
  deadLetterStreamName,
  deadLetterStreamSubject,
  type EventBusOptions,
  eventsStreamName,
  eventsStreamSubjects,
} from "./subjects.ts";

const DAY_MS = 86_400_000;

export interface EventStreamsOptions extends EventBusOptions {
  /** How long `EVENTS` keeps a message, consumed or not (default 7 days). */
  maxAgeMs?: number;
}

type OwnedStreamConfig = Pick<
  StreamConfig,
  "name" | "subjects" | "storage" | "retention" | "discard" | "max_age" | "duplicate_window" | "num_replicas"
>;

/** The two streams' configuration; exported for tests and for operators comparing with `nats stream info`. */
export function eventStreamConfigs(options: EventStreamsOptions = {}): OwnedStreamConfig[] {
  const common = {
    storage: StorageType.File,
    // Limits, not work-queue: many consumers read EVENTS, each at its own pace.
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    // The window in which a repeated Nats-Msg-Id is dropped: longer than any relay retry of one row.
    duplicate_window: nanos(2 * 60_000),
    num_replicas: options.replicas ?? 1,
  };
  return [
    {
      ...common,
      name: eventsStreamName(options),
      subjects: eventsStreamSubjects(options),
      max_age: nanos(options.maxAgeMs ?? 7 * DAY_MS),
    },
    {
      ...common,
      name: deadLetterStreamName(options),
      subjects: [deadLetterStreamSubject(options)],
      max_age: nanos(30 * DAY_MS),
    },
  ];
}

/** Creates the `EVENTS` and `EVENTS_DLQ` streams, or updates them to this configuration. Idempotent. */
export async function ensureEventStreams(
  nats: NatsConnection,
  options: EventStreamsOptions = {},
): Promise<void> {
  const jsm = await nats.jetstreamManager();
  for (const config of eventStreamConfigs(options)) await ensureStream(jsm, config);
}

async function ensureStream(jsm: JetStreamManager, wanted: OwnedStreamConfig): Promise<void> {
  try {
    const { config } = await jsm.streams.info(wanted.name);
    if (!differs(config, wanted)) return;
    // storage and retention cannot change on a live stream; the update says so if someone changed them by hand.
    await jsm.streams.update(wanted.name, { ...config, ...wanted }).catch((error) => {
      if (!isPermissionViolation(error)) throw error;
      throw new Error(
        `Stream ${wanted.name} differs from this version's configuration, and this NATS user may not update streams ` +
          "(only admin may, deploy/nats/nats-server.conf). Run the new version once with NATS_USER=admin, or update the stream as admin.",
      );
    });
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    await jsm.streams.add(wanted);
  }
}

function differs(current: StreamConfig, wanted: OwnedStreamConfig): boolean {
  const sameSubjects =
    [...(current.subjects ?? [])].sort().join(" ") === [...(wanted.subjects ?? [])].sort().join(" ");
  return (
    !sameSubjects ||
    current.max_age !== wanted.max_age ||
    current.duplicate_window !== wanted.duplicate_window ||
    current.storage !== wanted.storage ||
    current.retention !== wanted.retention ||
    current.discard !== wanted.discard ||
    current.num_replicas !== wanted.num_replicas
  );
}
