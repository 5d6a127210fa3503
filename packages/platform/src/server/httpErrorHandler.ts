import type { ErrorRequestHandler } from "express";
import type { Logger } from "pino";
import { ErrorCode } from "../errors/errorCode.ts";

interface HttpError {
  status?: number;
  type?: string;
  expose?: boolean;
}

const CLIENT_MESSAGES: Record<string, string> = {
  "entity.parse.failed": "The request body is not valid JSON.",
  "entity.too.large": "The request body is too large (1 MB at most).",
  "encoding.unsupported": "The request body's encoding is not supported; send UTF-8 JSON.",
};

/**
 * The last Express handler of every process: a request that fails before GraphQL (bad JSON, too large)
 * gets a GraphQL-shaped error naming what to fix, and anything else a generic 500. Express's own
 * handler would answer with an HTML page holding the stack trace.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, type } = (error ?? {}) as HttpError;
    if (status && status >= 400 && status < 500) {
      const message = (type && CLIENT_MESSAGES[type]) ?? "The request could not be read.";
      res.status(status).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
      return;
    }
    logger.error({ err: error }, "request failed outside GraphQL");
    res.status(500).json({
      errors: [
        {
          message: "Internal server error. The request id in the logs has the details.",
          extensions: { code: ErrorCode.INTERNAL },
        },
      ],
    });
  };
}
