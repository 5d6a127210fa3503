export { httpServerSpans } from "./httpServerSpans.ts";
export { operationSpanPlugin } from "./operationSpanPlugin.ts";
export { inSpan, recordError, SpanKind } from "./spans.ts";
export { startTracing, type Tracing } from "./startTracing.ts";
export {
  contextFromHeaders,
  contextFromTraceparent,
  currentTraceparent,
  injectTraceHeaders,
} from "./traceContext.ts";
export {
  type TracingConfig,
  type TracingSettings,
  tracingConfigSchema,
  tracingSettings,
} from "./tracingConfig.ts";
export { isTracingOn } from "./tracingState.ts";
