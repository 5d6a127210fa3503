import { AsyncLocalStorage } from "node:async_hooks";
import { trace } from "@opentelemetry/api";
import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";

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

/** The active span's ids (none while tracing is off: the API's no-op context has no span). */
function traceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

/**
 * A JSON logger named after the process; `LOG_LEVEL` sets the level (default `info`, `silent` in tests).
 * A line written inside an active span carries its `trace_id` and `span_id`.
 */
export function createLogger(
  name: string,
  level = process.env.LOG_LEVEL ?? "info",
  /** Default: standard output. */
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    name,
    level,
    base: { service: name },
    mixin: () => {
      const scope = requestScope.getStore();
      return { ...(scope ? { requestId: scope.requestId } : {}), ...traceIds() };
    },
    redact: { paths: ["*.password", "*.token", "*.refreshToken", "req.headers.authorization"], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}
