// (b) the fan-out through the router at each N, and the bare graphql-ws server it is compared with.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { BareReport, BareRequest } from "./bareServer.ts";
import { startChild } from "./childProcess.ts";
import { type FanoutResult, fanout } from "./fanout.ts";
import { fmt } from "./format.ts";
import { createOrder, type Person } from "./graphqlClient.ts";
import type { PlatformSession } from "./platformSession.ts";
import { FANOUT_ROUTER } from "./settings.ts";

export interface RouterFanout {
  results: FanoutResult[];
  /** The report's line for the N that failed; the larger ones were not run. */
  failure: string | null;
}

/** Every N of FANOUT_ROUTER in turn on one platform, each subscriber a coach with its own token. */
export async function routerFanout(session: PlatformSession): Promise<RouterFanout> {
  const { request, customer } = session;
  const coaches = await insertFanoutCoaches(session);
  const results: FanoutResult[] = [];
  for (const n of FANOUT_ROUTER) {
    console.error(`(b) router fan-out N=${n}…`);
    try {
      results.push(
        await fanout(
          n,
          session.url.replace(/^http/, "ws"),
          coaches.slice(0, n).map((c) => c.token),
          async (count) => {
            await Promise.all(Array.from({ length: count }, () => createOrder(request, customer, "fanout")));
          },
          async () => {
            const [r, m] = await Promise.all([session.routerMemory(), session.memory()]);
            return {
              rss: r.rss,
              maxRss: r.maxRss,
              heapUsed: r.heapUsed,
              upstream: m.tradeSockets,
              sockets: r.sockets,
            };
          },
        ),
      );
    } catch (error) {
      console.error(`router fan-out N=${n} failed:`, error);
      return { results, failure: `Router fan-out N=${n} failed: \`${String(error).slice(0, 300)}\`` };
    }
    console.error(JSON.stringify(results.at(-1)));
  }
  return { results, failure: null };
}

/** As many coaches as the largest N, their profiles inserted straight into the trade database. */
async function insertFanoutCoaches({ sign, tradeDatabaseUrl }: PlatformSession): Promise<Person[]> {
  const maxN = Math.max(...FANOUT_ROUTER);
  console.error(`(b) ${fmt(maxN)} fan-out coaches: tokens + profiles inserted via SQL…`);
  const coaches: Person[] = await Promise.all(
    Array.from({ length: maxN }, async () => {
      const id = randomUUID();
      return { id, token: await sign(id, ["coach"]) };
    }),
  );
  const pool = new pg.Pool({ connectionString: tradeDatabaseUrl, max: 2 });
  await pool.query(
    `INSERT INTO coach_profiles (coach_id, specialties, regions, level, capacity, updated_at)
           SELECT unnest($1::uuid[]), ARRAY['nutrition'], ARRAY['fanout'], 3, 5, now()`,
    [coaches.map((c) => c.id)],
  );
  await pool.end();
  return coaches;
}

/** The bare graphql-ws baseline; `frames`: the same server writing each event as one prebuilt frame. */
export async function bareFanout(n: number, frames = false): Promise<FanoutResult> {
  const bare = await startChild<BareRequest, BareReport>("bareServer.ts", { compiled: true });
  const ready = (await bare.ready) as Extract<BareReport, { type: "ready" }>;
  try {
    return await fanout(
      n,
      ready.url,
      Array.from({ length: n }, () => null),
      async (count) => {
        await bare.call({ type: "burst", events: count, frames });
      },
      async () => {
        const m = (await bare.call({ type: "memory" })) as Extract<BareReport, { type: "memory" }>;
        return {
          rss: m.memory.rss,
          maxRss: m.memory.maxRss,
          heapUsed: m.memory.heapUsed,
          upstream: null,
          sockets: m.memory.sockets,
        };
      },
    );
  } finally {
    bare.process.kill();
  }
}
