import { AsyncLocalStorage } from "node:async_hooks";
import { type Logger, pino } from "pino";

interface RequestScope {
  requestId: string;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with `requestId` attached to every log line written inside it, however deep. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestScope.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** A JSON logger named after the process; `LOG_LEVEL` sets the level (default `info`, `silent` in tests). */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId } : {};
    },
    redact: { paths: ["*.password", "*.token", "*.refreshToken", "req.headers.authorization"], remove: true },
  });
}
