import type { Response } from "express";
import type { GraphQLError } from "graphql";
import { recordRefusal } from "./refusals.ts";

/**
 * Answers a GraphQL request from middleware, before Apollo Server sees it, in the same shape Apollo
 * would: `{ errors: [...] }` with the error's code. `extensions.http` sets the status and headers.
 */
export function sendGraphQLError(res: Response, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as {
    http?: { status?: number; headers?: Map<string, string> };
  } & Record<string, unknown>;
  recordRefusal(res, error);
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  res.status(http?.status ?? 400).json({ errors: [{ message: error.message, extensions }] });
}
