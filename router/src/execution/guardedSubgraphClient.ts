import type { CircuitBreaker } from "./circuitBreaker.ts";
import { isProxyFailure, isRetryableConnectionError, subgraphFailure } from "./subgraphFailure.ts";
import type { SubgraphHttpClient, SubgraphHttpResponse } from "./subgraphHttpClient.ts";

export interface SubgraphCallPolicy {
  /** The whole request, connect to last byte, must finish within this. */
  timeoutMs: number;
  /** Shared by every call to this subgraph. */
  breaker: CircuitBreaker;
}

export interface SubgraphCall {
  /** Sent once more after a refused or reset connection: only for queries, never for mutations. */
  retryOnConnectionError: boolean;
  /** Where in the answer this fetch's fields go, for the error that replaces them. */
  path?: ReadonlyArray<string | number>;
}

/**
 * A subgraph's HTTP client behind a deadline and a circuit breaker: a call that cannot be answered
 * rejects with a coded error naming the subgraph (subgraphFailure.ts) within `timeoutMs`, and while the
 * circuit is open it rejects at once.
 */
export class GuardedSubgraphClient {
  constructor(
    readonly name: string,
    private readonly client: SubgraphHttpClient,
    private readonly policy: SubgraphCallPolicy,
  ) {}

  async post(
    body: string,
    headers: Record<string, string>,
    call: SubgraphCall,
  ): Promise<SubgraphHttpResponse> {
    const path = call.path && cutAtList(call.path);
    const { breaker, timeoutMs } = this.policy;
    if (!breaker.tryAcquire()) throw subgraphFailure(this.name, "circuit-open", { path });
    const signal = AbortSignal.timeout(timeoutMs);
    let response: SubgraphHttpResponse;
    try {
      response = await this.client.post(body, headers, signal);
    } catch (error) {
      breaker.failed();
      if (signal.aborted) throw subgraphFailure(this.name, "timeout", { timeoutMs, path });
      if (call.retryOnConnectionError && isRetryableConnectionError(error))
        return this.post(body, headers, { ...call, retryOnConnectionError: false });
      throw subgraphFailure(this.name, "connection", { path });
    }
    // The balancer answered, so the way to the subgraph works: like any HTTP status, not a breaker failure.
    breaker.succeeded();
    if (isProxyFailure(response.status, response.contentType))
      throw subgraphFailure(this.name, "proxy", { status: response.status, path });
    return response;
  }
}

/** The gateway's cursor marks a list as "@"; an error's path stops at the list that holds the entities. */
function cutAtList(path: ReadonlyArray<string | number>): ReadonlyArray<string | number> {
  const list = path.indexOf("@");
  return list === -1 ? path : path.slice(0, list);
}
