import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { RequestHandler } from "express";
import { contextFromHeaders } from "./traceContext.ts";
import { isTracingOn } from "./tracingState.ts";

export interface HttpServerSpanOptions {
  /** The tracer's name, and so the process part the spans belong to (`router`, `trade`, ...). */
  scope: string;
  /**
   * Continue the caller's trace from its `traceparent` header. Subgraphs do (only the router, whose
   * signature was checked before, reaches them); the router does not, so a client can neither join
   * the platform's traces nor force them to be sampled.
   */
  continueCallerTrace: boolean;
}

/**
 * One SERVER span per HTTP request, active for everything the request runs (the Apollo plugin
 * `operationSpanPlugin` renames it after the operation). Tracing off: passes the request on untouched.
 */
export function httpServerSpans({ scope, continueCallerTrace }: HttpServerSpanOptions): RequestHandler {
  return (req, res, next) => {
    if (!isTracingOn()) return next();
    const parent = continueCallerTrace ? contextFromHeaders(req.headers) : ROOT_CONTEXT;
    const span = trace.getTracer(scope).startSpan(
      `${req.method} ${req.baseUrl}${req.path === "/" ? "" : req.path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": req.method, "url.path": req.originalUrl.split("?")[0] },
      },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute("http.response.status_code", res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once("finish", end);
    res.once("close", end);
    context.with(trace.setSpan(parent, span), next);
  };
}
