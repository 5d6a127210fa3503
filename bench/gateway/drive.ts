import autocannon from "autocannon";
import { ascending, percentile } from "../stats.ts";

export interface Load {
  url: string;
  connections: number;
  seconds: number;
  /** Request bodies, sent round-robin across the run; or a function making each request's body. */
  bodies: readonly string[] | (() => string);
  /** Headers besides `content-type`, or a function making each request's (an `authorization`). */
  headers?: Record<string, string> | (() => Record<string, string>);
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Non-2xx answers, socket errors and timeouts. */
  failures: number;
  meanResponseBytes: number;
}

/** Drives `load.url` with autocannon (keep-alive connections, each sending as soon as it has its answer). */
export async function drive(load: Load): Promise<LoadResult> {
  let next = 0;
  const { bodies } = load;
  const bodyOf = typeof bodies === "function" ? bodies : () => bodies[next++ % bodies.length]!;
  const { headers = {} } = load;
  const headersOf = typeof headers === "function" ? headers : () => headers;
  const latencies: number[] = [];
  const instance = autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.seconds,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => ({
          ...request,
          headers: { "content-type": "application/json", ...headersOf() },
          body: bodyOf(),
        }),
      },
    ],
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  const sorted = ascending(latencies);
  const answered = result["2xx"] + result.non2xx;
  return {
    requestsPerSecond: result["2xx"] / result.duration,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    failures: result.non2xx + result.errors + result.timeouts,
    meanResponseBytes: answered > 0 ? result.throughput.total / answered : 0,
  };
}
