// Every timed operation of a ramp step: how long it took and whether the client got what it asked for.
import { type Answer, type Body, post } from "./client.ts";

export interface Sample {
  op: string;
  ms: number;
  ok: boolean;
  error?: string;
}

export class Recorder {
  readonly samples: Sample[] = [];

  constructor(private readonly url: string) {}

  /**
   * Sends `body` as operation `op` and records it. `since`: when the operation was due (the scenario's
   * scheduled arrival, for its first operation), so a late start counts against it (no coordinated
   * omission); otherwise now.
   */
  async timed<T>(op: string, body: Body, headers: Record<string, string>, since = performance.now()) {
    const answer: Answer<T> = await post<T>(this.url, body, headers);
    const ms = performance.now() - since;
    this.samples.push(answer.ok ? { op, ms, ok: true } : { op, ms, ok: false, error: answer.error });
    return answer.ok ? answer.data : null;
  }

  /** Something a user waits for that is not one request (an order opening once its payment is authorized). */
  note(op: string, ms: number, ok: boolean, error?: string) {
    this.samples.push({ op, ms, ok, ...(error ? { error } : {}) });
  }
}
