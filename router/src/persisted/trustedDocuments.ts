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
 * The one rule for a first-party operation the manifest does not hold, by POST, GET or WebSocket: it runs
 * in `allow` mode, and for a developer token in either mode.
 */
export const mayRunUnlisted = (mode: TrustedDocumentsMode, caller: Pick<Caller, "actor">): boolean =>
  mode === "allow" || isDeveloper(caller);

/** Logs each unlisted document once, to learn what a safelist would break (bounded, so it cannot grow). */
export function unlistedLogger(logger: Logger): (body: string, operationName: unknown) => void {
  const logged = new Set<string>();
  return (body, operationName) => {
    const id = documentIdOf(body);
    if (logged.has(id) || logged.size > 10_000) return;
    logged.add(id);
    logger.info({ documentId: id, operationName }, "operation not in the persisted-documents manifest");
  };
}

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
  const logUnlisted = unlistedLogger(logger);

  /**
   * A GET request (Apollo Server runs queries from the URL) cannot be rewritten: it may run only what the
   * same request would run by POST, and never with a partner key.
   */
  const checkGet = (search: URLSearchParams, caller: Caller): GraphQLError | null => {
    const params = getParams(search);
    if (params === "malformed")
      return refusal(
        "BAD_REQUEST",
        "Give query, extensions and documentId at most once each; extensions as a JSON object.",
      );
    if (params.query === undefined && params.extensions === undefined && !params.hasDocumentId) return null;
    if (caller.partner)
      return refusal(
        "PERSISTED_QUERY_ID_REQUIRED",
        "API keys run persisted partner operations by POST only.",
      );
    if (params.hasDocumentId)
      return refusal("BAD_REQUEST", "Send { documentId } by POST; GET carries query text or an APQ hash.");
    const text = params.query;
    const apqHash = params.extensions?.persistedQuery?.sha256Hash;
    const listed =
      text !== undefined
        ? documents.get(documentIdOf(text))
        : typeof apqHash === "string"
          ? documents.get(apqHash)
          : undefined;
    if (!listed && !mayRunUnlisted(mode, caller))
      return refusal("PERSISTED_QUERY_NOT_IN_LIST", "Only persisted operations run here.");
    if (!listed && text !== undefined) logUnlisted(text, search.get("operationName"));
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
    } else if (!listed && !mayRunUnlisted(mode, caller)) {
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
      const error = checkGet(new URL(req.originalUrl, "http://router").searchParams, caller);
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

interface GetParams {
  query: string | undefined;
  extensions: GraphQLRequestBody["extensions"] | undefined;
  hasDocumentId: boolean;
}

/**
 * What Apollo Server will read from a GET's search parameters, read the way it reads them (each at most
 * once, `extensions` through JSON.parse, so of duplicated keys the last counts), or "malformed" where it
 * would refuse the request itself.
 */
function getParams(search: URLSearchParams): GetParams | "malformed" {
  if (["query", "extensions", "documentId"].some((name) => search.getAll(name).length > 1))
    return "malformed";
  const extensionsText = search.get("extensions");
  let extensions: unknown;
  try {
    extensions = extensionsText === null ? undefined : JSON.parse(extensionsText);
  } catch {
    return "malformed";
  }
  if (
    extensions !== undefined &&
    (typeof extensions !== "object" || extensions === null || Array.isArray(extensions))
  )
    return "malformed";
  return {
    query: search.get("query") ?? undefined,
    extensions: extensions as GetParams["extensions"],
    hasDocumentId: search.has("documentId"),
  };
}
