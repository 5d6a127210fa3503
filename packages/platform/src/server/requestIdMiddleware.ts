import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { withRequestId } from "../logging/logger.ts";

/** Takes the caller's `x-request-id` (or makes one), echoes it, and scopes every log line under it. */
export function requestIdMiddleware(): RequestHandler {
  return (req, res, next) => {
    const requestId = req.header("x-request-id") ?? randomUUID();
    res.setHeader("x-request-id", requestId);
    withRequestId(requestId, next);
  };
}
