import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace-base";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { PrismaInstrumentation } from "@prisma/instrumentation";
import { OrphanQuerySampler } from "./orphanQuerySampler.ts";
import type { TracingSettings } from "./tracingConfig.ts";
import { setTracingOn } from "./tracingState.ts";

export interface Tracing {
  /** False when no endpoint was configured: nothing was registered and every span is the API's no-op. */
  readonly enabled: boolean;
  /** Exports what is queued, bounded by the export timeout; a failed export drops its spans and never rejects. */
  flush(): Promise<void>;
  /** Flushes (never rejecting), then unregisters everything `startTracing` registered. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, flush: async () => undefined, shutdown: async () => undefined };

/**
 * Registers the global tracer provider, W3C propagator and async context manager, and Prisma's
 * tracing helper, when `settings.endpoint` is set; otherwise registers nothing (tracing off costs the
 * API's no-op calls only). Spans leave through a BatchSpanProcessor: a bounded queue (spans past it
 * are dropped) exported every `scheduleDelayMs` with a timeout, so a collector that is slow or gone
 * loses spans and never slows or fails a request (fail open). Once per process: libraries keep the
 * tracer they got first (@apollo/gateway does), so a provider registered after a `shutdown` misses them.
 */
export function startTracing(settings: TracingSettings): Tracing {
  if (!settings.endpoint) return OFF;
  const exporter = new OTLPTraceExporter({ url: settings.endpoint, timeoutMillis: settings.exportTimeoutMs });
  const processor = new BatchSpanProcessor(exporter, {
    maxQueueSize: settings.maxQueueSize,
    maxExportBatchSize: Math.min(512, settings.maxQueueSize),
    scheduledDelayMillis: settings.scheduleDelayMs,
    exportTimeoutMillis: settings.exportTimeoutMs,
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    sampler: new OrphanQuerySampler(
      new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.samplerRatio) }),
    ),
    spanProcessors: [processor],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  // Only sets Prisma's global tracing helper: no require hook is installed.
  const prisma = new PrismaInstrumentation({ enabled: false });
  prisma.setTracerProvider(provider);
  prisma.enable();
  setTracingOn(true);
  return {
    enabled: true,
    flush: () => provider.forceFlush().catch(() => undefined),
    shutdown: async () => {
      setTracingOn(false);
      prisma.disable();
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
