import { CLOSE_CODES, type SubscriberConnection } from "@health/platform/server";
import type { ExecutionResult } from "graphql";

/** How far a subscriber may fall behind before it is disconnected with 4008. */
export interface DeliveryLimits {
  /** Events written to its socket that the socket has not handed to the network yet. */
  maxQueuedEvents: number;
  /** Bytes written to its socket that the client has not taken yet. */
  maxBufferedBytes: number;
}

/** Why a subscriber was cut off; its socket is closed with 4008. */
export class SlowSubscriberError extends Error {
  constructor(
    readonly limit: number,
    unit = "events behind",
  ) {
    super(`Subscriber fell ${limit} ${unit}; reconnect and catch up.`);
    this.name = "SlowSubscriberError";
  }
}

/**
 * One client subscription inside a group. The group writes each event's shared bytes straight to the
 * member's socket; the member's queue is what its socket has not sent yet, bounded in events and bytes.
 * graphql-ws sees a stream that yields nothing and ends when the member does (then it sends `complete`,
 * or `error` when the upstream failed).
 */
export class GroupMember {
  private queued = 0;
  private ended = false;
  private failure: Error | null = null;
  private settle: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  private reject: ((error: Error) => void) | null = null;
  /** One callback for every write, so a delivery allocates no closure. */
  private readonly written = () => {
    this.queued--;
  };

  constructor(
    /** The user this subscription serves (null: anonymous), whom a subgraph may dismiss from a shared stream. */
    readonly callerId: string | null,
    private readonly connection: SubscriberConnection,
    private readonly limits: DeliveryLimits,
    /** Called once when the member leaves: its client left, was cut off, or the stream ended. */
    private readonly onLeave: (member: GroupMember) => void,
  ) {}

  /** Writes one event's payload (serialized and encoded once for the whole group). */
  deliver(payload: Buffer): void {
    if (this.ended) return;
    if (this.queued >= this.limits.maxQueuedEvents) {
      this.cutOff(new SlowSubscriberError(this.limits.maxQueuedEvents));
    } else if (this.connection.bufferedBytes() > this.limits.maxBufferedBytes) {
      this.cutOff(new SlowSubscriberError(this.limits.maxBufferedBytes, "bytes unread"));
    } else if (this.connection.sendNext(payload, this.written)) {
      this.queued++;
    }
  }

  /** Its subgraph ended this member's stream alone: `payload` (why) is its last event, then `complete`. */
  dismiss(payload: Buffer): void {
    if (this.ended) return;
    this.connection.sendNext(payload, this.written) && this.queued++;
    this.end(null);
  }

  /** The stream ended upstream: graphql-ws completes the operation (or reports `failure`). */
  end(failure: Error | null): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = failure;
    this.onLeave(this);
    if (failure) this.reject?.(failure);
    else this.settle?.({ done: true, value: undefined });
    this.settle = this.reject = null;
  }

  /** What graphql-ws iterates: it never yields; it settles when the member ends. */
  stream(): AsyncIterableIterator<ExecutionResult> {
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next: () => {
        if (this.ended) {
          return this.failure
            ? Promise.reject(this.failure)
            : Promise.resolve({ done: true, value: undefined });
        }
        return new Promise((resolve, reject) => {
          this.settle = resolve;
          this.reject = reject;
        });
      },
      return: () => {
        this.end(null);
        return Promise.resolve({ done: true, value: undefined });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private cutOff(error: SlowSubscriberError): void {
    this.connection.close(CLOSE_CODES.TOO_SLOW, error.message);
    this.end(null);
  }
}
