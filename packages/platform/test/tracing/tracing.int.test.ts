import { createServer, type Socket } from "node:net";
import { Writable } from "node:stream";
import { trace } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.ts";
import { eventually } from "../../src/testing/eventually.ts";
import { startOtlpReceiver } from "../../src/testing/otlpReceiver.ts";
import { inSpan } from "../../src/tracing/spans.ts";
import { startTracing, type Tracing } from "../../src/tracing/startTracing.ts";
import { currentTraceparent } from "../../src/tracing/traceContext.ts";
import { isTracingOn } from "../../src/tracing/tracingState.ts";

/** A logger whose lines land in `lines`, parsed. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger("test", "info", stream), lines };
}

const settings = (endpoint: string | undefined) => ({
  endpoint,
  serviceName: "tracing-test",
  samplerRatio: 1,
  exportTimeoutMs: 1_000,
  maxQueueSize: 100,
  scheduleDelayMs: 50,
});

let tracing: Tracing | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

describe("tracing off", () => {
  it("registers no provider, propagator, context manager or Prisma helper, and spans are no-ops", async () => {
    tracing = startTracing(settings(undefined));
    expect(tracing.enabled).toBe(false);
    expect(isTracingOn()).toBe(false);
    const globalApi = (globalThis as Record<symbol, Record<string, unknown> | undefined>)[
      Symbol.for("opentelemetry.js.api.1")
    ];
    expect(globalApi?.trace).toBeUndefined();
    expect(globalApi?.propagation).toBeUndefined();
    expect(globalApi?.context).toBeUndefined();
    expect((globalThis as Record<string, unknown>).PRISMA_INSTRUMENTATION).toBeUndefined();

    const { logger, lines } = capturedLogger();
    const answer = await inSpan("test", "work", {}, async (span) => {
      logger.info("inside");
      return { recording: span.isRecording(), traceparent: currentTraceparent() };
    });
    expect(answer).toEqual({ recording: false, traceparent: null });
    expect(lines[0]).not.toHaveProperty("trace_id");
  });
});

describe("tracing on", () => {
  it("exports spans to the receiver, and log lines inside a span carry its trace and span ids", async () => {
    const receiver = await startOtlpReceiver();
    try {
      tracing = startTracing(settings(receiver.url));
      const { logger, lines } = capturedLogger();
      const ids = await inSpan("test", "outer", {}, async (span) => {
        logger.info("inside");
        return span.spanContext();
      });
      logger.info("outside");
      expect(lines[0]).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
      expect(lines[1]).not.toHaveProperty("trace_id");
      const spans = await eventually(
        async () => {
          await tracing?.flush();
          return receiver.spans();
        },
        (received) => received.length > 0,
        10_000,
      );
      expect(spans).toEqual([
        expect.objectContaining({
          name: "outer",
          traceId: ids.traceId,
          spanId: ids.spanId,
          service: "tracing-test",
        }),
      ]);
    } finally {
      await receiver.close();
    }
  });

  it("fails open: with the collector gone, work goes on and its spans are dropped", async () => {
    const receiver = await startOtlpReceiver();
    const { url } = receiver;
    await receiver.close();
    tracing = startTracing(settings(url));
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => inSpan("test", `work ${i}`, {}, async () => i)),
    );
    expect(results).toHaveLength(500);
    // Flushing a queue nobody receives ends (the export fails or times out); it never throws into the caller.
    await expect(tracing.flush()).resolves.toBeUndefined();
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it("fails open: a collector that accepts and never answers costs an export timeout, not the work", async () => {
    const sockets: Socket[] = [];
    const blackHole = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    const { port } = blackHole.address() as { port: number };
    try {
      tracing = startTracing(settings(`http://127.0.0.1:${port}/v1/traces`));
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => inSpan("test", `work ${i}`, {}, async () => i)),
      );
      expect(results).toHaveLength(50);
      await expect(tracing.flush()).resolves.toBeUndefined();
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });
});
