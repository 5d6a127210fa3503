import { ErrorCode } from "@health/platform/errors";
import type { Logger } from "@health/platform/logging";
import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import { type Caller, callerOf, isDeveloper } from "../http/caller.ts";
import { sendGraphQLError } from "../http/graphqlErrorResponse.ts";
import { documentIdOf, type PersistedDocument, type PersistedDocuments } from "./persistedDocuments.ts";

/**
 * `allow`: any operation runs; ones not in the manifest are logged (once each), to learn what a
 * safelist would break. `safelist`: only the manifest's operations run, by id or by identical text.
 * Partner keys are always held to the manifest, by id only, within their scopes. Developer tokens
 * may run ad-hoc operations in either mode.
 */
export type TrustedDocumentsMode = "allow" | "safelist";

interface GraphQLRequestBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
  operationName?: unknown;
}

const refusal = (code: string, message: string, status = 400, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions, http: { status } } });

/**
 * Resolves `documentId` (and an APQ hash that the manifest knows) to the manifest's text before Apollo
 * Server parses anything, and enforces the mode and partner scopes. What it lets through is an ordinary
 * GraphQL request; APQ for ad-hoc first-party operations is Apollo Server's, stored in Redis.
 */
export function trustedDocuments(
  documents: PersistedDocuments,
  mode: TrustedDocumentsMode,
  logger: Logger,
): RequestHandler {
  const logged = new Set<string>();
  const logUnlisted = (body: string, operationName: unknown) => {
    const id = documentIdOf(body);
    if (logged.has(id) || logged.size > 10_000) return;
    logged.add(id);
    logger.info({ documentId: id, operationName }, "operation not in the persisted-documents manifest");
  };

  /**
   * A GET request (Apollo Server runs queries from the URL) cannot be rewritten: it may run only what the
   * same request would run by POST, and never with a partner key.
   */
  const checkGet = (query: Record<string, unknown>, caller: Caller): GraphQLError | null => {
    if (query.query === undefined && query.extensions === undefined && query.documentId === undefined)
      return null;
    if (caller.partner)
      return refusal(
        "PERSISTED_QUERY_ID_REQUIRED",
        "API keys run persisted partner operations by POST only.",
      );
    if (typeof query.documentId === "string")
      return refusal("BAD_REQUEST", "Send { documentId } by POST; GET carries query text or an APQ hash.");
    const text = typeof query.query === "string" ? query.query : undefined;
    const apqHash =
      typeof query.extensions === "string"
        ? /"sha256Hash"\s*:\s*"([0-9a-f]{64})"/.exec(query.extensions)?.[1]
        : undefined;
    const listed =
      text !== undefined ? documents.get(documentIdOf(text)) : apqHash ? documents.get(apqHash) : undefined;
    if (!listed && mode === "safelist" && !isDeveloper(caller))
      return refusal("PERSISTED_QUERY_NOT_IN_LIST", "Only persisted operations run here.");
    if (!listed && text !== undefined) logUnlisted(text, query.operationName);
    return null;
  };

  const resolve = (request: GraphQLRequestBody, caller: Caller): GraphQLError | null => {
    const apqHash = request.extensions?.persistedQuery?.sha256Hash;
    const id = typeof request.documentId === "string" ? request.documentId : undefined;
    const text = typeof request.query === "string" ? request.query : undefined;
    let listed: PersistedDocument | undefined;

    if (id !== undefined) {
      listed = documents.get(id);
      if (!listed)
        return refusal(
          "PERSISTED_QUERY_NOT_IN_LIST",
          `No persisted operation has the id ${id}; regenerate your client.`,
        );
    } else if (text !== undefined) {
      listed = documents.get(documentIdOf(text));
    } else if (typeof apqHash === "string") {
      listed = documents.get(apqHash);
    }

    if (caller.partner) {
      if (id === undefined)
        return refusal(
          "PERSISTED_QUERY_ID_REQUIRED",
          "API keys run persisted partner operations only: send { documentId, variables } with an id from the manifest.",
        );
      const scope = listed?.partnerScope;
      if (!scope || !caller.partner.scopes.includes(scope))
        return refusal(
          ErrorCode.FORBIDDEN,
          scope
            ? `This key's scopes (${caller.partner.scopes.join(", ")}) do not include "${scope}", which ${listed?.operationName} needs.`
            : `${listed?.operationName ?? "This operation"} is not a partner operation.`,
          403,
        );
    } else if (!listed && mode === "safelist" && !isDeveloper(caller)) {
      return refusal(
        "PERSISTED_QUERY_NOT_IN_LIST",
        "Only persisted operations run here: send the documentId from the manifest (schema/persisted-documents.json).",
      );
    }

    if (listed) {
      request.query = listed.body;
      delete request.documentId;
      if (request.extensions?.persistedQuery) delete request.extensions.persistedQuery;
    } else if (text !== undefined) {
      logUnlisted(text, request.operationName);
    }
    return null;
  };

  return (req, res, next) => {
    const caller = callerOf(res);
    if (req.method === "GET") {
      const error = checkGet(req.query, caller);
      if (error) return sendGraphQLError(res, error);
      return next();
    }
    const requests: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
    for (const request of requests) {
      if (typeof request !== "object" || request === null) continue; // Apollo Server explains what is wrong
      const error = resolve(request as GraphQLRequestBody, caller);
      if (error) return sendGraphQLError(res, error);
    }
    next();
  };
}
