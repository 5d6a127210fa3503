import { type ExecutionResult, GraphQLError } from "graphql";
import { ErrorCode } from "../errors/errorCode.ts";

/** setTimeout's largest delay; a later expiry is re-armed rather than firing at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

const expiredResult = (): ExecutionResult => ({
  errors: [
    new GraphQLError("The access token of this subscription expired: refresh it and subscribe again.", {
      extensions: { code: ErrorCode.UNAUTHENTICATED },
    }),
  ],
});

/**
 * `source` until `expiresAt`, then one UNAUTHENTICATED result and the end of the stream (graphql-ws then
 * completes the operation). For an operation authorized by a token of its own, on a connection shared by
 * many callers: the connection's expiry timer does not cover it (issue 16.7).
 */
export function endAtExpiry(
  source: AsyncIterator<ExecutionResult>,
  expiresAt: Date,
): AsyncIterableIterator<ExecutionResult> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<"expired">((resolve) => {
    const arm = () => {
      const delay = expiresAt.getTime() - Date.now();
      if (delay <= 0) return resolve("expired");
      timer = setTimeout(arm, Math.min(delay, MAX_DELAY_MS));
      timer.unref();
    };
    arm();
  });
  let state: "open" | "expired" | "done" = "open";
  const finish = async () => {
    state = "done";
    clearTimeout(timer);
    await source.return?.();
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      if (state !== "open") {
        state = "done";
        return { done: true, value: undefined };
      }
      const outcome = await Promise.race([source.next(), expiry]);
      if (outcome === "expired") {
        if (state !== "open") return { done: true, value: undefined };
        await finish();
        state = "expired";
        return { done: false, value: expiredResult() };
      }
      if (outcome.done) clearTimeout(timer);
      return outcome;
    },
    return: async () => {
      if (state === "open") await finish();
      state = "done";
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
