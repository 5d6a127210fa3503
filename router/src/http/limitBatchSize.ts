import type { RequestHandler } from "express";
import { limitExceeded } from "../limits/limitExceeded.ts";
import { sendGraphQLError } from "./graphqlErrorResponse.ts";

/** How many operations a request body holds: a batch is a JSON array of them. */
export const operationCount = (body: unknown): number => (Array.isArray(body) ? body.length : 1);

/** Refuses a batch of more than `max` operations before any of them is parsed. */
export function limitBatchSize(max: number): RequestHandler {
  return (req, res, next) => {
    const count = operationCount(req.body);
    if (count > max) return sendGraphQLError(res, limitExceeded("operationsPerRequest", max, count));
    next();
  };
}
