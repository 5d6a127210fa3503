import { z } from "zod";

const optionalUrl = z
  .url({ message: "must be a URL such as http://collector:4318" })
  .refine((value) => value.startsWith("http://") || value.startsWith("https://"), {
    message: "must start with http:// or https:// (traces are sent as OTLP/HTTP JSON)",
  })
  .optional();

/**
 * The standard OpenTelemetry variables this platform understands (README, "Traces"). Neither endpoint
 * set, or `OTEL_SDK_DISABLED=true`: tracing is off and nothing of the SDK is created.
 */
export const tracingConfigSchema = z.object({
  /** Base URL of an OTLP/HTTP collector; traces go to `<base>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  /** The full traces URL; wins over `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  /** Default: the process's name (`router`, `trade`, ...). */
  OTEL_SERVICE_NAME: z.string().min(1, { message: "must not be empty; unset it instead" }).optional(),
  OTEL_SDK_DISABLED: z.enum(["true", "false"], { message: 'must be "true" or "false"' }).default("false"),
  /** Share of new traces recorded, 0..1 (default 1); a request that arrives sampled or not keeps its caller's decision. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** How long one export may take before it is abandoned and its spans dropped (default 10,000 ms). */
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Spans held for export at most; past it new spans are dropped (default 2,048). */
  OTEL_BSP_MAX_QUEUE_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(2_048),
  /** Pause between exports (default 5,000 ms). */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(1).max(60_000).default(5_000),
});

export type TracingConfig = z.infer<typeof tracingConfigSchema>;

/** What `startTracing` needs; `endpoint` undefined means off. */
export interface TracingSettings {
  endpoint: string | undefined;
  serviceName: string;
  samplerRatio: number;
  exportTimeoutMs: number;
  maxQueueSize: number;
  scheduleDelayMs: number;
}

/** The traces URL and the rest of the settings, with the service name defaulting to `processName`. */
export function tracingSettings(config: TracingConfig, processName: string): TracingSettings {
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, "");
  const endpoint =
    config.OTEL_SDK_DISABLED === "true"
      ? undefined
      : (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : undefined));
  return {
    endpoint,
    serviceName: config.OTEL_SERVICE_NAME ?? processName,
    samplerRatio: config.OTEL_TRACES_SAMPLER_ARG,
    exportTimeoutMs: config.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT,
    maxQueueSize: config.OTEL_BSP_MAX_QUEUE_SIZE,
    scheduleDelayMs: config.OTEL_BSP_SCHEDULE_DELAY,
  };
}
