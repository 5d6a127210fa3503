import { type EventEnvelope, envelopeSchema } from "@health/events/envelope";
import type { JetStreamClient, JetStreamManager, JsMsg, MsgHdrs, NatsConnection, StoredMsg } from "nats";
import { copyHeaders, DeadLetterHeader, EventHeader, headerValue } from "./headers.ts";
import { isNoMessageFound, isStreamNotFound } from "./natsErrors.ts";
import { deadLetterStreamName, deadLetterSubject, type EventBusOptions } from "./subjects.ts";

/** One message a consumer gave up on, as an operator sees it. */
export interface DeadLetter {
  /** Its sequence in the dead-letter stream: what `replayDeadLetter` takes. */
  sequence: number;
  /** The subject it was originally published on. */
  subject: string;
  consumer: string;
  error: string;
  deliveries: number;
  /** Null when the message was not a valid envelope (that is why it is dead). */
  envelope: EventEnvelope | null;
  deadAt: Date;
}

// Headers that describe a death, or that JetStream would misread on a re-publish.
const NOT_COPIED = [EventHeader.msgId, ...Object.values(DeadLetterHeader)];

/** Publishes the delivered message, with why it died, to `dlq.<consumer>.<subject>`. */
export async function sendToDeadLetters(
  js: JetStreamClient,
  msg: JsMsg,
  death: { consumer: string; error: string } & EventBusOptions,
): Promise<void> {
  const headers = copyHeaders(msg.headers, NOT_COPIED);
  headers.set(DeadLetterHeader.error, headerValue(death.error));
  headers.set(DeadLetterHeader.subject, msg.subject);
  headers.set(DeadLetterHeader.consumer, death.consumer);
  headers.set(DeadLetterHeader.deliveries, String(msg.info.deliveryCount));
  await js.publish(deadLetterSubject(death.consumer, msg.subject, death), msg.data, {
    headers,
    // One dead letter per stored message and consumer, even if this publish is retried.
    msgID: `${death.consumer}:${msg.info.stream}:${msg.info.streamSequence}`,
  });
}

/** The dead letters, oldest first (default: the first 100). */
export async function listDeadLetters(
  nats: NatsConnection,
  options: EventBusOptions & { limit?: number } = {},
): Promise<DeadLetter[]> {
  const limit = options.limit ?? 100;
  const jsm = await nats.jetstreamManager();
  const stream = deadLetterStreamName(options);
  let state: { first_seq: number; last_seq: number; messages: number };
  try {
    state = (await jsm.streams.info(stream)).state;
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw error;
  }
  const letters: DeadLetter[] = [];
  for (
    let seq = state.first_seq;
    state.messages > 0 && seq <= state.last_seq && letters.length < limit;
    seq++
  ) {
    const stored = await storedMessage(jsm, stream, seq);
    if (stored) letters.push(toDeadLetter(stored));
  }
  return letters;
}

/**
 * Re-publishes dead letter `sequence` to its original subject and deletes it from the dead-letter
 * stream. Its new `Nats-Msg-Id` (`<event id>:replay:<sequence>`) keeps JetStream's dedupe window from
 * dropping it; consumers that had already processed the event skip it through their inbox.
 */
export async function replayDeadLetter(
  nats: NatsConnection,
  sequence: number,
  options: EventBusOptions = {},
): Promise<void> {
  const jsm = await nats.jetstreamManager();
  const stream = deadLetterStreamName(options);
  const stored = await storedMessage(jsm, stream, sequence);
  if (!stored) throw new Error(`There is no dead letter ${sequence} in ${stream}; list them with "list".`);
  const letter = toDeadLetter(stored);
  if (!letter.subject) throw new Error(`Dead letter ${sequence} does not say which subject it came from.`);
  await nats.jetstream().publish(letter.subject, stored.data, {
    headers: copyHeaders(stored.header, NOT_COPIED),
    msgID: `${letter.envelope?.id ?? `${stream}:${sequence}`}:replay:${sequence}`,
  });
  await jsm.streams.deleteMessage(stream, sequence, false);
}

async function storedMessage(jsm: JetStreamManager, stream: string, seq: number): Promise<StoredMsg | null> {
  try {
    return await jsm.streams.getMessage(stream, { seq });
  } catch (error) {
    if (isNoMessageFound(error) || isStreamNotFound(error)) return null;
    throw error;
  }
}

function toDeadLetter(stored: StoredMsg): DeadLetter {
  const header = (name: string) => (stored.header as MsgHdrs | undefined)?.get(name) ?? "";
  return {
    sequence: stored.seq,
    subject: header(DeadLetterHeader.subject),
    consumer: header(DeadLetterHeader.consumer),
    error: header(DeadLetterHeader.error),
    deliveries: Number(header(DeadLetterHeader.deliveries)) || 0,
    envelope: parseEnvelope(stored.data),
    deadAt: stored.time,
  };
}

function parseEnvelope(data: Uint8Array): EventEnvelope | null {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(new TextDecoder().decode(data)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
