import { type Context, context, propagation, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { isTracingOn } from "./tracingState.ts";

/** The active span's W3C `traceparent` (`00-<trace id>-<span id>-<flags>`), or null when there is none. */
export function currentTraceparent(): string | null {
  if (!isTracingOn() || !trace.getActiveSpan()) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The remote context a stored or received `traceparent` names (ROOT_CONTEXT when none or malformed). */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** The remote context in incoming HTTP headers (`traceparent`, `tracestate`). */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Adds the active context's `traceparent` (and `tracestate`) to outgoing `headers`; nothing when off. */
export function injectTraceHeaders(headers: Record<string, string>): void {
  if (isTracingOn()) propagation.inject(context.active(), headers);
}
