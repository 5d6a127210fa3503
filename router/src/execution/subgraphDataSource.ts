import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { parseCacheControlHeader } from "@apollo/gateway/dist/datasources/parseCacheControlHeader.js";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import type { RouterSigner } from "@health/platform/auth";
import { injectTraceHeaders } from "@health/platform/tracing";
import { GraphQLError } from "graphql";
import type { RouterContext } from "../routerContext.ts";
import { CircuitBreaker } from "./circuitBreaker.ts";
import { collapseRepresentations } from "./entityRepresentations.ts";
import { GuardedSubgraphClient } from "./guardedSubgraphClient.ts";
import { InFlightRequests } from "./inFlightRequests.ts";
import { DEFAULT_SUBGRAPH_TIMEOUT_MS } from "./subgraphBreakers.ts";
import { SubgraphHttpClient, type SubgraphHttpResponse } from "./subgraphHttpClient.ts";

export interface SubgraphDataSourceOptions {
  /** Identical queries in flight at once (same body, same caller token) share one subgraph request. Default true. */
  dedupe?: boolean;
  /** Send each distinct entity representation once per fetch. Default true. */
  collapseRepresentations?: boolean;
  /** Kept-alive connections to the subgraph (default 128). */
  connections?: number;
  /** Signs every request to the subgraph. Default: unsigned. */
  signer?: RouterSigner;
  /** Named in the errors that replace this subgraph's fields. Default: the URL. */
  name?: string;
  /** A request not answered within this fails with SUBGRAPH_TIMEOUT (default 5000). */
  timeoutMs?: number;
  /** Opens after consecutive transport failures and refuses at once (default: a fresh one, 5 failures, 5 s). */
  breaker?: CircuitBreaker;
}

type ProcessOptions = GraphQLDataSourceProcessOptions<RouterContext>;
type GraphQLRequest = ProcessOptions["request"];

// Gateway fetches are printed operations: "query ..." (or a bare selection set) unless a mutation.
const isQuery = (query: string) => /^\s*(?:query\b|\{)/.test(query);

/**
 * A subgraph reached over HTTP with the caller's own token, request id and address. Replaces
 * RemoteGraphQLDataSource: same request body and same error behaviour (a non-2xx answer becomes
 * "<status>: <statusText>" with the answer in `extensions.response`, 401/403 as UNAUTHENTICATED/FORBIDDEN;
 * GraphQL errors in a 2xx answer go back to the gateway, which adds `serviceName`), over undici instead
 * of WHATWG fetch. Mutations are never shared; a shared query carries the first caller's request id and
 * address. A subgraph that is down, or too slow, or whose circuit is open, costs only its own fields: the
 * fetch rejects with SUBGRAPH_UNAVAILABLE/SUBGRAPH_TIMEOUT, which the gateway reports beside the rest.
 */
export class SubgraphDataSource implements GraphQLDataSource<RouterContext> {
  private readonly http: SubgraphHttpClient;
  private readonly client: GuardedSubgraphClient;
  private readonly inFlight: InFlightRequests<SubgraphHttpResponse> | null;
  private readonly collapse: boolean;
  readonly timeoutMs: number;

  constructor(
    readonly url: string,
    options: SubgraphDataSourceOptions = {},
  ) {
    this.http = new SubgraphHttpClient(url, { connections: options.connections, signer: options.signer });
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
    this.client = new GuardedSubgraphClient(options.name ?? url, this.http, {
      timeoutMs: this.timeoutMs,
      breaker: options.breaker ?? new CircuitBreaker(),
    });
    this.inFlight = options.dedupe === false ? null : new InFlightRequests();
    this.collapse = options.collapseRepresentations !== false;
  }

  async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    if (!request.query) throw new Error("Missing query");
    const collapsed = this.collapse && request.variables ? collapseRepresentations(request.variables) : null;
    const body = JSON.stringify({
      query: request.query,
      variables: collapsed ? collapsed.variables : request.variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });
    const headers = headersFor(request, context);
    const query = isQuery(request.query);
    const path = "pathInIncomingRequest" in options ? options.pathInIncomingRequest : undefined;
    const send = () => this.client.post(body, headers, { retryOnConnectionError: query, path });
    const response =
      this.inFlight && query
        ? await this.inFlight.run(`${headers.authorization ?? ""}\n${body}`, send)
        : await send();
    const result = this.resultOf(response);
    restrictCachePolicy(options, response.cacheControl);
    return collapsed ? collapsed.expand(result) : result;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private resultOf(response: SubgraphHttpResponse): GatewayGraphQLResponse {
    const body = parseBody(response);
    if (response.status < 200 || response.status > 299) {
      const code =
        response.status === 401 ? "UNAUTHENTICATED" : response.status === 403 ? "FORBIDDEN" : undefined;
      throw new GraphQLError(`${response.status}: ${response.statusText}`, {
        extensions: {
          response: { url: this.url, status: response.status, statusText: response.statusText, body },
          ...(code ? { code } : {}),
        },
      });
    }
    if (typeof body !== "object" || body === null)
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    return body as GatewayGraphQLResponse;
  }
}

function headersFor(request: GraphQLRequest, context: ProcessOptions["context"]): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.http?.headers) for (const [name, value] of request.http.headers) headers[name] = value;
  headers["content-type"] = "application/json";
  if ("requestId" in context) {
    const caller = context as RouterContext;
    headers["x-request-id"] = caller.requestId;
    headers["x-forwarded-for"] = caller.clientIp;
    if (caller.actor) headers.authorization = `Bearer ${caller.actor.token}`;
  }
  // The gateway's fetch span is active here: the subgraph's operation span becomes its child.
  injectTraceHeaders(headers);
  return headers;
}

function parseBody({ contentType, body }: SubgraphHttpResponse): unknown {
  const json =
    contentType?.startsWith("application/json") ||
    contentType?.startsWith("application/graphql-response+json");
  return json ? JSON.parse(body) : body;
}

/** As RemoteGraphQLDataSource: a subgraph's Cache-Control narrows the operation's cache policy. */
function restrictCachePolicy(options: ProcessOptions, cacheControl: string | undefined): void {
  if (!("incomingRequestContext" in options)) return;
  const policy: unknown = options.incomingRequestContext.overallCachePolicy;
  if (!policy || typeof policy !== "object" || !("restrict" in policy)) return;
  const parsed = parseCacheControlHeader(cacheControl);
  const maxAge = parsed["max-age"];
  (policy as { restrict(hint: { maxAge: number; scope?: "PRIVATE" | "PUBLIC" }): void }).restrict({
    maxAge: typeof maxAge === "string" && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
    ...(parsed.private === true ? { scope: "PRIVATE" } : {}),
    ...(parsed.public === true ? { scope: "PUBLIC" } : {}),
  });
}
