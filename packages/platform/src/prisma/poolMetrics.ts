import type { Pool } from "pg";
import { Gauge, type Registry } from "prom-client";

/** The pools whose use each registry reports (a process has one per Prisma client, usually one). */
const poolsByRegistry = new WeakMap<Registry, Set<Pool>>();

type PoolCount = (pool: Pool) => number;

const GAUGES: ReadonlyArray<{ name: string; help: string; count: PoolCount }> = [
  { name: "db_pool_clients", help: "Open connections of the database pool", count: (p) => p.totalCount },
  {
    name: "db_pool_idle_clients",
    help: "Open connections of the pool not in use",
    count: (p) => p.idleCount,
  },
  {
    name: "db_pool_waiting_requests",
    help: "Queries waiting for a pool connection (the pool is exhausted)",
    count: (p) => p.waitingCount,
  },
  { name: "db_pool_max_clients", help: "Most connections the pool opens", count: (p) => p.options.max ?? 10 },
];

/**
 * Reports `pool`'s use on `registry` as gauges read when scraped (no timer: rule 11), summed over every
 * pool of the registry that has not ended.
 */
export function reportPoolUse(registry: Registry, pool: Pool): void {
  let pools = poolsByRegistry.get(registry);
  if (!pools) {
    const registered = new Set<Pool>();
    pools = registered;
    poolsByRegistry.set(registry, registered);
    for (const { name, help, count } of GAUGES)
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          let sum = 0;
          for (const each of registered) {
            if (each.ended) registered.delete(each);
            else sum += count(each);
          }
          this.set(sum);
        },
      });
  }
  pools.add(pool);
}
