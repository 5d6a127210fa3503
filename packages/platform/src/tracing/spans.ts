import {
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { isTracingOn } from "./tracingState.ts";

export { SpanKind };

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Default: the active context. */
  parent?: Context;
  /** Start a new trace, whatever context is active (work that serves many callers, e.g. a shared subscription's event). */
  root?: boolean;
}

const parentOf = (options: SpanOptions): Context =>
  options.root ? ROOT_CONTEXT : (options.parent ?? context.active());

const NOT_RECORDING: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Runs `fn` inside a new active span of tracer `scope` (a process part: `router`, `trade`, `events`),
 * ended when `fn` returns or, for a promise, settles, with a thrown or rejected error recorded on it.
 * Tracing off: `fn` runs as is.
 */
export function inSpan<T>(scope: string, name: string, options: SpanOptions, fn: (span: Span) => T): T {
  if (!isTracingOn()) return fn(NOT_RECORDING);
  const parent = parentOf(options);
  const span = trace
    .getTracer(scope)
    .startSpan(name, { kind: options.kind, attributes: options.attributes }, parent);
  const fail = (error: unknown): never => {
    recordError(span, error);
    span.end();
    throw error;
  };
  let result: T;
  try {
    result = context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    return fail(error);
  }
  if (!(result instanceof Promise)) {
    span.end();
    return result;
  }
  return result.then((value) => {
    span.end();
    return value;
  }, fail) as T;
}

/** Marks `span` failed with `error`'s type and message (never its stack: spans leave the process). */
export function recordError(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  span.recordException({ name: error instanceof Error ? error.name : "Error", message });
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}
